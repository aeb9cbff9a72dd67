package io.nfidentity;

/** 401 {@code email_not_confirmed}: the password was right but the address has not been confirmed yet. */
public class EmailNotConfirmedException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /** Uses the standard message: "Email not confirmed". */
    public EmailNotConfirmedException() {
        this("Email not confirmed");
    }

    /** @param message a message for the end user */
    public EmailNotConfirmedException(String message) {
        super(401, "email_not_confirmed", message);
    }
}
