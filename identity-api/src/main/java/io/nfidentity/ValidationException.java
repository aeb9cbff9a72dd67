package io.nfidentity;

/**
 * 422: the input breaks a rule, such as an invalid email address or a password shorter than the policy allows. The
 * {@link #errorCode()} names the rule ({@code validation_failed}, {@code weak_password}, ...).
 */
public class ValidationException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, for the end user */
    public ValidationException(String message) {
        this("validation_failed", message);
    }

    /**
     * @param errorCode the rule that was broken
     * @param message what is wrong, for the end user
     */
    public ValidationException(String errorCode, String message) {
        super(422, errorCode, message);
    }
}
