package io.nfidentity.event;

import io.nfidentity.User;

/**
 * Fired when a user is about to be created: signup of a new user, an administrator's `createUser` (and, with the REST API, an invitation). It fires before the user is stored and before any confirmation. Deny to refuse the new user (Netlify's documented example: only some email domains); change metadata to seed it.
 *
 * <p>Synchronous observers run inside the action's transaction and may {@link #deny(String) deny} it or change
 * {@code appMetadata} and {@code userMetadata}; asynchronous observers see it only after commit.
 */
public final class UserValidate extends DeniableEvent {
    /** @param user the user the action is about, as it would be stored */
    public UserValidate(User user) {
        super(user);
    }
}
