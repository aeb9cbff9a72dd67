package io.nfidentity;

import java.util.Locale;
import java.util.Optional;

/**
 * What an {@link AuditEntry} records. The {@link #code() codes} of GoTrue's own actions are GoTrue's (so
 * {@code GET /admin/audit} reads as GoTrue's does); the others are nf-identity's, for what GoTrue does not record.
 */
public enum AuditAction {
    /** A user signed up (or an administrator created one). */
    USER_SIGNEDUP("user_signedup", "team"),
    /** An administrator invited a user; the invitation was mailed. */
    USER_INVITED("user_invited", "team"),
    /** An invited user followed the link and set a password. */
    INVITE_ACCEPTED("invite_accepted", "account"),
    /**
     * An external provider's account was linked to an existing user by the address the provider verified; {@code
     * traits.took_over} says whether credentials that never proved the mailbox (a password, sessions, user metadata)
     * were dropped.
     */
    IDENTITY_LINKED("identity_linked", "account"),
    /** A user confirmed the address of a signup by the mailed link. */
    USER_CONFIRMED("user_confirmed", "account"),
    /** A login: by password, or by a mailed recovery link ({@code traits.via}). */
    LOGIN("login", "account"),
    /** A login refused: wrong password, unknown address, unconfirmed address ({@code traits.reason}). */
    LOGIN_FAILED("login_failed", "account"),
    /** Sessions ended: one ({@code traits.scope = "session"}) or every one of the user ({@code "everywhere"}). */
    LOGOUT("logout", "account"),
    /** A refresh token was exchanged for a new one. */
    TOKEN_REFRESHED("token_refreshed", "token"),
    /** A rotated refresh token was presented again: its whole family was revoked ({@code traits.reason}). */
    TOKEN_REVOKED("token_revoked", "token"),
    /** A recovery link was mailed. */
    USER_RECOVERY_REQUESTED("user_recovery_requested", "user"),
    /** The password changed (by the user, or by an administrator). */
    PASSWORD_CHANGED("password_changed", "user"),
    /** A change of address was asked for; the link went to the new address. */
    EMAIL_CHANGE_REQUESTED("email_change_requested", "user"),
    /** The address changed ({@code traits.from}, {@code traits.to}). */
    EMAIL_CHANGED("email_changed", "user"),
    /** {@code app_metadata.roles} or the GoTrue {@code role} changed ({@code traits.from}, {@code traits.to}). */
    ROLES_CHANGED("roles_changed", "user"),
    /** Other fields changed: metadata, confirmation ({@code traits.fields} names them). */
    USER_MODIFIED("user_modified", "user"),
    /** A user was suspended ({@code traits.until}, absent when indefinitely). */
    USER_SUSPENDED("user_suspended", "user"),
    /** A suspension was lifted. */
    USER_RESTORED("user_restored", "user"),
    /** Users were imported ({@code traits.imported}, {@code traits.refused}); one entry per import. */
    USERS_IMPORTED("users_imported", "team"),
    /** Every user was exported ({@code traits.count}, {@code traits.password_hashes}). */
    USERS_EXPORTED("users_exported", "team"),
    /** A user was deleted. */
    USER_DELETED("user_deleted", "team"),
    /** A request was refused by a rate limit ({@code traits.limit}); recorded once per key and minute. */
    RATE_LIMITED("rate_limited", "account"),
    /** A signing key was added as next ({@code traits.kid}, {@code traits.algorithm}). */
    SIGNING_KEY_ADDED("signing_key_added", "keys"),
    /** A signing key became current; the one before it became previous ({@code traits.kid}, {@code traits.previous}). */
    SIGNING_KEY_PROMOTED("signing_key_promoted", "keys"),
    /** A signing key was retired ({@code traits.kid}, {@code traits.forced}). */
    SIGNING_KEY_RETIRED("signing_key_retired", "keys"),
    /** A second factor was enrolled (not yet verified; {@code traits.factor_id}). */
    FACTOR_ENROLLED("factor_enrolled", "factor"),
    /** A factor's code was verified: the session is at level 2 ({@code traits.factor_id}). */
    FACTOR_VERIFIED("factor_verified", "factor"),
    /** A recovery code was used in place of a factor's code: the session is at level 2. */
    RECOVERY_CODE_USED("recovery_code_used", "factor"),
    /** A wrong or replayed code was presented for a factor's challenge ({@code traits.factor_id}). */
    MFA_CHALLENGE_FAILED("mfa_challenge_failed", "factor"),
    /** A factor was removed, by its user or an administrator ({@code traits.by}). */
    FACTOR_REMOVED("factor_removed", "factor"),
    /** New recovery codes replaced the old ones. */
    RECOVERY_CODES_REGENERATED("recovery_codes_regenerated", "factor"),
    /** A passkey was registered ({@code traits.passkey_id}, {@code traits.backup_eligible}). */
    PASSKEY_ADDED("passkey_added", "user"),
    /** A passkey was removed, by its user or an administrator ({@code traits.passkey_id}, {@code traits.by}). */
    PASSKEY_REMOVED("passkey_removed", "user"),
    /**
     * A passkey presented a signature counter that did not move forward: a sign of a cloned authenticator. The
     * sign-in was refused ({@code traits.passkey_id}, {@code traits.stored}, {@code traits.presented}).
     */
    PASSKEY_COUNTER_REGRESSED("passkey_counter_regressed", "user"),
    /**
     * A notification was given up after its configured attempts ({@code traits}: {@code delivery}, {@code event},
     * {@code receiver}, {@code status}); an administrator may retry it.
     */
    NOTIFICATION_FAILED("notification_failed", "team"),
    /** An administrator retried a failed notification ({@code traits}: {@code delivery}, {@code event}). */
    NOTIFICATION_RETRIED("notification_retried", "team");

    private final String code;
    private final String logType;

    AuditAction(String code, String logType) {
        this.code = code;
        this.logType = logType;
    }

    /** @return the action's name in the REST API and the database, e.g. {@code user_signedup} */
    public String code() {
        return code;
    }

    /** @return GoTrue's {@code log_type}: {@code account}, {@code team}, {@code token} or {@code user} */
    public String logType() {
        return logType;
    }

    /**
     * @param code an action's {@link #code()}, in any case
     * @return the action, or empty for a code no action has
     */
    public static Optional<AuditAction> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        for (AuditAction a : values()) {
            if (a.code.equals(c)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
