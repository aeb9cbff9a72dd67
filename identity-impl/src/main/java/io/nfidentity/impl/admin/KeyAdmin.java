package io.nfidentity.impl.admin;

import io.nfidentity.SigningKey;
import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.store.ChangeFeed;
import io.nfidentity.impl.token.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The key rotation of {@link io.nfidentity.IdentityAdmin}: each step in its own transaction ({@link KeyRotation}),
 * then, once committed, this node's keys re-read, so the step is in force here at once (on other nodes at their next
 * {@code nf.identity.jwt.keys-refresh}).
 */
@ApplicationScoped
public class KeyAdmin {
    private static final Logger LOG = Logger.getLogger(KeyAdmin.class.getName());

    private final KeyRotation rotation;
    private final SigningKeys keys;
    private final ChangeFeed feed;

    @Inject
    public KeyAdmin(KeyRotation rotation, SigningKeys keys, ChangeFeed feed) {
        this.rotation = rotation;
        this.keys = keys;
        this.feed = feed;
    }

    /** Without other nodes to tell: for tests. */
    public KeyAdmin(KeyRotation rotation, SigningKeys keys) {
        this(rotation, keys, null);
    }

    /** For the container's client proxy only. */
    protected KeyAdmin() {
        this(null, null, null);
    }

    public List<SigningKey> list() {
        return rotation.list();
    }

    public SigningKey add() {
        return step("added", rotation::add);
    }

    public SigningKey promote(String kid) {
        return step("promoted", () -> rotation.promote(kid));
    }

    public SigningKey retire(String kid, boolean force) {
        return step(force ? "retired (forced)" : "retired", () -> rotation.retire(kid, force));
    }

    /** Attempts at startup: nodes starting at once settle in two (one wins, the others read its key). */
    private static final int START_ATTEMPTS = 3;

    /**
     * At startup: the configured algorithm's key made current if it is not, then the keys read. A node that lost a
     * race with another starting node (its activation refused, or its insert of the configured key hitting the
     * primary key the other node inserted first) tries again in a new transaction, and finds that node's key.
     */
    public void start() {
        for (int attempt = 1; ; attempt++) {
            try {
                rotation.ensureConfigured();
                break;
            } catch (io.nfidentity.SigningKeyException | io.nfidentity.impl.error.StoreException concurrent) {
                if (attempt == START_ATTEMPTS) {
                    throw concurrent;
                }
            }
        }
        keys.reload();
    }

    /**
     * On the timer: previous keys past their tokens' lifetime retired, and the keys re-read. Never throws: a scheduled
     * task that throws is never run again.
     */
    public void refresh() {
        try {
            List<String> retired = rotation.retireExpired();
            if (!retired.isEmpty()) {
                LOG.info(() -> LogId.KEY_ROTATED + ": retired " + retired + ": every token they signed has expired");
                if (feed != null) {
                    feed.publish(ChangeFeed.KEYS, String.join(",", retired));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, LogId.KEYS + ": could not retire expired keys; trying again at the next refresh", e);
        }
        keys.refresh();
    }

    private SigningKey step(String what, Supplier<SigningKey> step) {
        SigningKey key = step.get();
        keys.reload();
        if (feed != null) {
            feed.publish(ChangeFeed.KEYS, key.kid()); // the other nodes read the keys again now, not at their timer
        }
        LOG.info(() -> LogId.KEY_ROTATED + ": signing key " + key.kid() + " (" + key.algorithm() + ") " + what);
        return key;
    }
}
