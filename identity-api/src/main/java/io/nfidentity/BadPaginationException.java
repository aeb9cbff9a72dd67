package io.nfidentity;

/**
 * 400 {@code bad_pagination}: a page below 1, a page size outside 1 to 1000, or a cursor this server did not issue.
 * The same status and code from {@link IdentityAdmin} and from the admin REST API, as GoTrue answers.
 */
public class BadPaginationException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, for the caller */
    public BadPaginationException(String message) {
        super(400, "bad_pagination", message);
    }
}
