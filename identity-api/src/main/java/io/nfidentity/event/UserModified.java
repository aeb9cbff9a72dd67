package io.nfidentity.event;

import io.nfidentity.User;

/**
 * Fired when a user's profile changes: the user's own update or an administrator's `updateUser`. It fires with the user as it will be stored, before it is stored. Deny to refuse the change; metadata set here replaces what is stored.
 *
 * <p>Synchronous observers run inside the action's transaction and may {@link #deny(String) deny} it or change
 * {@code appMetadata} and {@code userMetadata}; asynchronous observers see it only after commit.
 */
public final class UserModified extends DeniableEvent {
    /** @param user the user the action is about, as it would be stored */
    public UserModified(User user) {
        super(user);
    }
}
