package io.nfidentity;

/** 401 {@code not_authenticated}: the request carries no valid session and the resource needs one. */
public class NotAuthenticatedException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /** Uses the standard message: "Authentication required". */
    public NotAuthenticatedException() {
        this("Authentication required");
    }

    /** @param message a message for the end user */
    public NotAuthenticatedException(String message) {
        super(401, "not_authenticated", message);
    }
}
