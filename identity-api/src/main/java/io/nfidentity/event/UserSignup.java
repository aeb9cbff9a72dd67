package io.nfidentity.event;

import io.nfidentity.User;

/**
 * Fired when a user becomes confirmed: a signup with autoconfirm on, and later an email confirmation or an accepted invitation. It fires before the confirmation is stored, after {@link UserValidate}. Metadata set here lands in the user's first access token: the place to assign {@code roles: ["member"]}.
 *
 * <p>Synchronous observers run inside the action's transaction and may {@link #deny(String) deny} it or change
 * {@code appMetadata} and {@code userMetadata}; asynchronous observers see it only after commit.
 */
public final class UserSignup extends DeniableEvent {
    /** @param user the user the action is about, as it would be stored */
    public UserSignup(User user) {
        super(user);
    }
}
