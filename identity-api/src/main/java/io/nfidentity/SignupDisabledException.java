package io.nfidentity;

/** 403 {@code signup_disabled}: sign-ups are switched off by configuration. */
public class SignupDisabledException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /** Uses the standard message: "Signups not allowed for this instance". */
    public SignupDisabledException() {
        this("Signups not allowed for this instance");
    }

    /** @param message a message for the end user */
    public SignupDisabledException(String message) {
        super(403, "signup_disabled", message);
    }
}
