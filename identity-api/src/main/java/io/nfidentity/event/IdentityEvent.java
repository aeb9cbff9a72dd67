package io.nfidentity.event;

import io.nfidentity.User;

/**
 * The supertype of every lifecycle event: observe it to see them all (an audit log, say).
 *
 * <p>An event is delivered twice at most: first to synchronous observers inside the transaction, then, once that
 * transaction has committed, to asynchronous observers. By then it is frozen: its {@link #user()} is the user as
 * stored, and any attempt to deny or modify it throws {@link IllegalStateException}.
 */
public abstract sealed class IdentityEvent permits DeniableEvent, UserDeleted {
    private volatile boolean frozen;

    /** @return the user the event is about, with any changes earlier observers made */
    public abstract User user();

    /**
     * @return {@code true} once the action has committed and the event is on its way to asynchronous observers, which
     *     may only read it
     */
    public final boolean isFrozen() {
        return frozen;
    }

    /** Called by the implementation after commit, before asynchronous delivery. Not for applications. */
    public final void freeze() {
        frozen = true;
    }

    final void requireOpen(String what) {
        if (frozen) {
            throw new IllegalStateException(what + " is not possible after the action has committed:"
                    + " asynchronous observers (@ObservesAsync) can neither deny nor modify; use @Observes");
        }
    }
}
