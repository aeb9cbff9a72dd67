package io.nfidentity.impl.external;

/**
 * An external sign-in that cannot go on, with the OAuth error code the site receives in its redirect
 * ({@code #error=<code>&error_description=<description>}). The description is for the user; the cause, if any, only
 * for the log.
 */
public final class ExternalLoginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public ExternalLoginException(String code, String description) {
        this(code, description, null);
    }

    public ExternalLoginException(String code, String description, Throwable cause) {
        super(description, cause);
        this.code = code;
    }

    /** {@code invalid_request}, {@code access_denied}, {@code server_error}, ... */
    public String code() {
        return code;
    }
}
