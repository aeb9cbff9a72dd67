package io.nfidentity.impl.error;

import io.nfidentity.IdentityException;

/**
 * Every error the implementation answers with, in one place: HTTP status, GoTrue's machine code, and the public
 * message (the cause, when there is one, goes only to the log). The API's exception classes carry their own
 * ({@code email_exists}, {@code user_not_found}, ...); {@code ErrorCodesDocumentedTest} checks that both are listed
 * in {@code docs/errors.md}.
 */
public enum Problem {
    BAD_SORT(400, "bad_request", "Only sorting by created_at (asc or desc) is supported"),
    BAD_AUDIT_ACTION(400, "bad_request", "Unknown audit action"),
    BAD_AUDIT_TIME(400, "bad_request", "since and until must be instants such as 2026-12-05T10:00:00Z"),
    SESSION_NOT_FOUND(404, "session_not_found", "Session not found"),
    EXPORT_HASHES_DISABLED(
            403,
            "export_hashes_disabled",
            "Exporting password hashes is off: set nf.identity.export.password-hashes=true to allow it"),
    BAD_SESSION_ID(400, "bad_request", "Session id must be a UUID"),
    NUL_IN_REQUEST(400, "bad_request", "The request holds a NUL character, which nothing here may contain"),
    BAD_BAN_DURATION(400, "bad_request", "ban_duration must be a duration such as 24h, 90m or 1h30m, or none"),
    UNSUPPORTED_PROVIDER(400, "unsupported_provider", "Unsupported provider"),
    BAD_FORCE(400, "bad_request", "force must be true or false"),
    BAD_USER_ID(400, "bad_request", "User id must be a UUID"),
    BAD_NOTIFICATION_STATE(400, "bad_request", "state must be pending, delivered or failed"),
    BAD_FACTOR_ID(400, "bad_request", "Factor id must be a UUID"),
    BAD_CHALLENGE_ID(400, "bad_request", "challenge_id must be a UUID"),
    MALFORMED_JSON(400, "bad_request", "Bad request: malformed JSON"),
    NOT_A_JSON_OBJECT(400, "bad_request", "Could not read the request body: a JSON object is required"),
    /** GoTrue answers 400 for a taken address on signup (422 elsewhere); Netlify's clients show the message. */
    SIGNUP_EMAIL_EXISTS(400, "email_exists", "A user with this email address has already been registered"),
    NOT_AUTHENTICATED(401, "not_authenticated", "Authentication required"),
    NOT_ADMIN(401, "not_admin", "User not allowed"),
    APP_METADATA_NEEDS_ADMIN(401, "not_admin", "Updating app_metadata requires admin privileges"),
    NO_AUTHORIZATION(401, "no_authorization", "This endpoint requires a Bearer token"),
    BAD_JWT(401, "bad_jwt", "Invalid token: signature, expiry or format is not valid"),
    REAUTHENTICATION_NEEDED(401, "reauthentication_needed", "Log in again to change your password or email address"),
    RECENT_LOGIN_NEEDED(
            401,
            "reauthentication_needed",
            "Log in again: exporting or importing users and changing signing keys need a recent login"),
    DELETION_NEEDS_RECENT_LOGIN(
            401,
            "reauthentication_needed",
            "Log in again to delete your account: it can only be deleted right after a login"),
    LINK_NEEDS_RECENT_LOGIN(
            401,
            "reauthentication_needed",
            "Log in again to add a way to sign in: it can only be added right after a login"),
    FACTOR_NEEDS_RECENT_LOGIN(
            401,
            "reauthentication_needed",
            "Log in again to add a second factor: the first one can only be added right after a login"),
    MFA_FACTOR_NOT_FOUND(404, "mfa_factor_not_found", "Factor not found"),
    PASSKEYS_DISABLED(
            422, "passkeys_not_enabled", "Passkeys are not enabled on this server (nf.identity.passkeys.enabled)"),
    PASSKEY_NOT_FOUND(404, "passkey_not_found", "Passkey not found"),
    /** Retry of a notification that is not a failed one (unknown, pending or delivered). */
    NOTIFICATION_NOT_FOUND(404, "notification_not_found", "No failed notification with this id"),
    /** Any verification failure (signature, origin, relying party, counter, unknown credential): no detail helps. */
    PASSKEY_REFUSED(401, "passkey_verification_failed", "The passkey could not be verified"),
    PASSKEY_CHALLENGE(
            401,
            "passkey_verification_failed",
            "The challenge is unknown, expired, used, or another session's: ask for new options"),
    TOO_MANY_PASSKEYS(422, "too_many_passkeys", "Maximum number of passkeys reached"),
    PASSKEY_EXISTS(422, "passkey_exists", "This passkey is registered already"),
    MFA_CHALLENGE_NOT_FOUND(404, "mfa_challenge_not_found", "Challenge not found"),
    MFA_CHALLENGE_EXPIRED(422, "mfa_challenge_expired", "The challenge has expired or was used: ask for a new one"),
    MFA_VERIFICATION_FAILED(422, "mfa_verification_failed", "Invalid TOTP code entered"),
    MFA_TOO_MANY_FACTORS(422, "too_many_enrolled_mfa_factors", "Maximum number of enrolled factors reached"),
    MFA_NAME_CONFLICT(422, "mfa_factor_name_conflict", "A factor with this friendly name already exists for the user"),
    MFA_BAD_FACTOR_TYPE(422, "validation_failed", "factor_type must be totp"),
    MFA_DISABLED(
            422,
            "mfa_totp_enroll_not_enabled",
            "Second factors are not enabled on this server (nf.identity.mfa.enabled)"),
    MFA_NO_VERIFIED_FACTOR(422, "mfa_factor_not_verified", "Verify a factor first"),
    EMAIL_CHANGE_TOKEN_INVALID(401, "invalid_token", "Email Change Token invalid"),
    NOT_FOUND(404, "not_found", "Not Found"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large", "Request body too large"),
    HOST_NOT_ALLOWED(421, "host_not_allowed", "This server does not answer for that host name"),
    UNSUPPORTED_MEDIA_TYPE(
            415,
            "unsupported_media_type",
            "The body must be application/json, or application/x-www-form-urlencoded for /token"),
    INVITE_NEEDS_PASSWORD(422, "validation_failed", "Invited users must specify a password"),
    /** With the field's own message. */
    INVALID_FIELD(422, "validation_failed", "A field is invalid"),
    TOKEN_EXPIRED(422, "token_expired", "Token has expired or is invalid"),
    /** Supabase's answer to a sign-in code or link that is wrong, spent or expired, whether or not the user exists. */
    OTP_INVALID(403, "otp_expired", "Token has expired or is invalid"),
    EMAIL_CHANGE_TOKEN_EXPIRED(422, "token_expired", "Email change token expired"),
    /** With the interval in the message. */
    OVER_EMAIL_SEND_RATE_LIMIT(
            429, "over_email_send_rate_limit", "For security purposes, you can only request this once"),
    /** With the wait in the message; {@code Retry-After} says it in seconds. */
    TOO_MANY_REQUESTS(429, "too_many_requests", "Too many attempts"),
    HOOK_FAILED(500, "hook_failed", "A lifecycle hook failed"),
    INTERNAL_ERROR(500, "internal_error", "Internal error"),
    MAIL_UNAVAILABLE(503, "mail_unavailable", "The email could not be sent; try again later"),
    SERVICE_UNAVAILABLE(503, "service_unavailable", "The service is temporarily unavailable"),
    SERVER_BUSY(503, "server_busy", "The server is busy; try again in a moment");

    private final int status;
    private final String code;
    private final String message;

    Problem(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** The exception with the standard message. */
    public IdentityException exception() {
        return new IdentityException(status, code, message);
    }

    /** The exception with a message of its own (a field's name, a wait). */
    public IdentityException exception(String message) {
        return new IdentityException(status, code, message);
    }

    /** The exception with the standard message and an internal cause (logged, never sent). */
    public IdentityException exception(Throwable cause) {
        return new IdentityException(status, code, message, cause);
    }
}
