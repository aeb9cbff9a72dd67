package io.nfidentity.event;

import io.nfidentity.IdentityException;

/**
 * Thrown by {@link DeniableEvent#deny(String)}: a lifecycle observer refused the action. Answers {@code 401} with
 * {@code error_code} {@code denied}. It is the expected way to refuse, so it is never logged as an error.
 */
public final class UserDeniedException extends IdentityException {
    private static final long serialVersionUID = 1L;

    UserDeniedException(String reason) {
        super(401, "denied", reason == null || reason.isBlank() ? "Denied by a lifecycle hook" : reason);
    }
}
