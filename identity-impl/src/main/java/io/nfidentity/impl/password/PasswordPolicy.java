package io.nfidentity.impl.password;

import io.nfidentity.ValidationException;

/**
 * GoTrue accepts any non-empty password; we ask for a minimum length (default 8, NIST SP 800-63B) and cap the length
 * so nobody can make the server hash a megabyte.
 */
public final class PasswordPolicy {
    static final int MAX_LENGTH = 1024;
    private final int minLength;

    public PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    /** @throws ValidationException (422 {@code weak_password}) when the password breaks the policy */
    public void check(String password) {
        if (password == null || password.isEmpty()) {
            throw new ValidationException("weak_password", "Password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            throw new ValidationException(
                    "weak_password", "Password must be at least " + minLength + " characters long");
        }
        if (length > MAX_LENGTH) {
            throw new ValidationException(
                    "weak_password", "Password must be at most " + MAX_LENGTH + " characters long");
        }
    }
}
