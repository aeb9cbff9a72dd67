package io.nfidentity.event;

import io.nfidentity.User;

/**
 * Fired when a user logs in with a password (and later with an external provider), after the password has been checked and before any token is issued. It does not fire on a refresh. Deny to block a user; metadata set here is stored and carried by the token issued with this login.
 *
 * <p>Synchronous observers run inside the action's transaction and may {@link #deny(String) deny} it or change
 * {@code appMetadata} and {@code userMetadata}; asynchronous observers see it only after commit.
 */
public final class UserLogin extends DeniableEvent {
    /** @param user the user the action is about, as it would be stored */
    public UserLogin(User user) {
        super(user);
    }
}
