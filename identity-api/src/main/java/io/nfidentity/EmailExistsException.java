package io.nfidentity;

/** 422 {@code email_exists}: the address belongs to another user (compared without regard to case). */
public class EmailExistsException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /** Uses the standard message: "A user with this email address has already been registered". */
    public EmailExistsException() {
        this("A user with this email address has already been registered");
    }

    /** @param message a message for the end user */
    public EmailExistsException(String message) {
        super(422, "email_exists", message);
    }
}
