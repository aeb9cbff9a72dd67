package io.nfidentity;

/** 403 {@code forbidden}: the caller is authenticated but lacks a role the resource requires. */
public class AccessDeniedException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /** Uses the standard message: "Forbidden". */
    public AccessDeniedException() {
        this("Forbidden");
    }

    /** @param message a message for the end user */
    public AccessDeniedException(String message) {
        super(403, "forbidden", message);
    }
}
