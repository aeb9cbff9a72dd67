package io.nfidentity;

/** 403 {@code origin_not_allowed}: {@link Identity#verifyRequestOrigin()} refused a missing, foreign or cross-site origin. */
public class OriginNotAllowedException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /** Uses the standard message: "Cross-origin request refused". */
    public OriginNotAllowedException() {
        this("Cross-origin request refused");
    }

    /** @param message a message for the end user */
    public OriginNotAllowedException(String message) {
        super(403, "origin_not_allowed", message);
    }
}
