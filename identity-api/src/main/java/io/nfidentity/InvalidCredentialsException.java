package io.nfidentity;

/** 401 {@code invalid_credentials}: an unknown email or a wrong password; the two are never told apart. */
public class InvalidCredentialsException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /** Uses the standard message: "Invalid email or password". */
    public InvalidCredentialsException() {
        this("Invalid email or password");
    }

    /** @param message a message for the end user */
    public InvalidCredentialsException(String message) {
        super(401, "invalid_credentials", message);
    }
}
