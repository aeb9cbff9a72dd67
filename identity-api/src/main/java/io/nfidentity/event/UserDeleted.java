package io.nfidentity.event;

import io.nfidentity.User;
import java.util.Objects;

/**
 * Fired when a user has been deleted: a notification only, with the user as it was. It cannot be denied and carries
 * nothing to change. Synchronous observers run inside the deleting transaction (their own writes commit or roll back
 * with it); asynchronous observers run after commit. All of the user's sessions have ended by then.
 */
public final class UserDeleted extends IdentityEvent {
    private final User user;

    /** @param user the user as it was before the deletion */
    public UserDeleted(User user) {
        this.user = Objects.requireNonNull(user, "user");
    }

    @Override
    public User user() {
        return user;
    }
}
