package io.nfidentity;

/**
 * The root of every error nf-identity reports. Unchecked, like the rest of Jakarta EE.
 *
 * <p>Each error carries what a client needs and nothing more: an HTTP {@link #status()}, a stable machine-readable
 * {@link #errorCode()} (such as {@code invalid_credentials} or {@code email_exists}) and a message safe to show an end
 * user. Internal causes stay in {@link #getCause()} for the log and are never written to the wire. For JAX-RS the
 * module renders the error as {@code {"code":<status>,"msg":"<message>","error_code":"<errorCode>"}}.
 */
public class IdentityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    /**
     * @param status the HTTP status to answer with
     * @param errorCode a stable code, lower case with underscores
     * @param message a message for the end user; no secrets, no internals
     */
    public IdentityException(int status, String errorCode, String message) {
        this(status, errorCode, message, null);
    }

    /**
     * @param status the HTTP status to answer with
     * @param errorCode a stable code, lower case with underscores
     * @param message a message for the end user; no secrets, no internals
     * @param cause the internal cause, logged but never sent to the client
     */
    public IdentityException(int status, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** @return the HTTP status this error answers with */
    public int status() {
        return status;
    }

    /** @return the stable machine-readable code, for example {@code invalid_credentials} */
    public String errorCode() {
        return errorCode;
    }
}
