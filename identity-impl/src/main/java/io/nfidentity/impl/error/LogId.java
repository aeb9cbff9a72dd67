package io.nfidentity.impl.error;

/**
 * Every id an operator may search the log for, in one place, so that no two conditions share one (the message
 * bundles of SmallRye and Elytron do this with an annotation processor; an enum does it with none). A log line starts
 * with the id ({@code LogId.SCHEMA_MIGRATED + ": : ..."} prints {@code NFID0003: ...}); {@code LogIdTest} checks that
 * the ids are unique and that each one is listed in {@code docs/errors.md}.
 */
public enum LogId {
    CONFIG_INVALID(1, "the configuration is invalid; the deployment stops"),
    DATASOURCE_NOT_FOUND(2, "the datasource is not found"),
    SCHEMA_MIGRATED(3, "the schema was migrated"),
    NO_MECHANISM(4, "a request reached the facade without the authentication mechanism"),
    LOGOUT_NOT_REVOKED(5, "logout could not revoke the refresh token (the cookies were cleared anyway)"),
    REFRESH_FAILED(6, "a refresh failed for an infrastructure reason; the request continued anonymously"),
    NOT_BEFORE_UNREADABLE(7, "a user's session state could not be read; the verified token was served (FINE)"),
    STORE_LOGIN_FAILED(
            8, "the identity store could not check a credential for an infrastructure reason; not validated"),
    BOOTSTRAP_ADMIN_CREATED(10, "the bootstrap administrator was created"),
    ARGON2_ENGINE(11, "which Argon2 implementation runs"),
    ARGON2_NATIVE_MISSING(12, "argon2.engine=native, but the native library does not load; the deployment stops"),
    ASYNC_OBSERVER_FAILED(20, "an asynchronous observer failed; the action had completed"),
    NOTICE_NOT_SENT(30, "a mail (a notice or a link) could not be sent; it is tried again"),
    MAIL_TEMPLATE_UNREADABLE(31, "a mail template cannot be read; the deployment stops"),
    NO_SCHEDULER(32, "no managed scheduler was found; expired rows are not purged"),
    PURGE(33, "a purge ran, or failed and will run again (FINE)"),
    MAIL_GIVEN_UP(34, "a mail was not taken by the mail server after every retry; it is dropped"),
    KEYS(40, "the signing keys cannot be read (startup stops), or a timed re-read failed (the keys in use stay)"),
    KEY_ROTATED(41, "a signing key was made, promoted or retired"),
    CHANGES(42, "listening for other nodes' changes (PostgreSQL NOTIFY) failed, or cannot work with this datasource"),
    WEBHOOK_REFUSED(50, "the webhook answered with a status other than 200, 202 or 204: the action is denied"),
    WEBHOOK_FAILED(51, "the webhook timed out (tried again) or cannot be reached: the action is denied"),
    NOTIFICATION_RETRYING(
            52, "a notification's delivery failed (a status, a timeout, no connection); it is tried again"),
    NOTIFICATION_FAILED(53, "a notification was given up after its attempts; it is listed for administrators"),
    NOTIFIER(54, "the notifications' delivery loop failed (the database away); it goes on at the next interval"),
    ERROR_5XX(100, "a 5xx answer, with its error_id and cause");

    private final int number;
    private final String meaning;

    LogId(int number, String meaning) {
        this.number = number;
        this.meaning = meaning;
    }

    /** What the id stands for, as the docs list it. */
    public String meaning() {
        return meaning;
    }

    /** {@code NFID} and four digits. */
    @Override
    public String toString() {
        return String.format("NFID%04d", number);
    }
}
