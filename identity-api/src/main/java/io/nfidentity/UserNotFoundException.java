package io.nfidentity;

/** 404 {@code user_not_found}: no user has the given id or address. */
public class UserNotFoundException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /** Uses the standard message: "User not found". */
    public UserNotFoundException() {
        this("User not found");
    }

    /** @param message a message for the end user */
    public UserNotFoundException(String message) {
        super(404, "user_not_found", message);
    }
}
