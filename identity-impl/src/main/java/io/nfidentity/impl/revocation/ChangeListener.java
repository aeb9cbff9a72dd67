package io.nfidentity.impl.revocation;

import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.store.ChangeFeed;
import io.nfidentity.impl.token.SigningKeys;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hears what other nodes changed ({@link ChangeFeed}, PostgreSQL only): a revoked user's cached session state is
 * dropped, so a logout, suspension, deletion, password or role change on any node stops that user's tokens here
 * within moments; changed signing keys are read again. Runs on a managed thread of its own for as long as the
 * application does, reconnecting after a second when the connection breaks; after each (re)connection
 * every cached state is dropped, since notices sent meanwhile were missed.
 */
@ApplicationScoped
public class ChangeListener {
    private static final Logger LOG = Logger.getLogger(ChangeListener.class.getName());

    private final ChangeFeed feed;
    private final SessionGuard guard;
    private final SigningKeys keys;
    private volatile boolean running;
    private volatile String state = "off: one node (H2), or not started";

    @Inject
    public ChangeListener(ChangeFeed feed, SessionGuard guard, SigningKeys keys) {
        this.feed = feed;
        this.guard = guard;
        this.keys = keys;
    }

    /** For the container's client proxy only. */
    protected ChangeListener() {
        this(null, null, null);
    }

    public void start(Executor executor) {
        if (!feed.available()) {
            return; // H2: one node, nobody to hear
        }
        running = true;
        state = "connecting";
        executor.execute(this::listen);
    }

    @PreDestroy
    void stop() {
        running = false;
    }

    private void listen() {
        Map<String, java.util.function.Consumer<String>> handlers =
                Map.of(ChangeFeed.USERS, this::userChanged, ChangeFeed.KEYS, payload -> keys.refresh());
        while (running) {
            try {
                feed.listen(handlers, () -> running, () -> {
                    state = "listening";
                    guard.heardAll();
                    keys.refresh();
                    LOG.fine(() -> LogId.CHANGES + ": listening for changes made on other nodes");
                });
            } catch (UnsupportedOperationException e) {
                state = "unavailable: other nodes' changes arrive within nf.identity.session-state-ttl";
                LOG.warning(LogId.CHANGES + ": cannot listen for changes made on other nodes (" + e.getMessage()
                        + "); they reach this node within nf.identity.session-state-ttl");
                return;
            } catch (Exception e) {
                state = "reconnecting: other nodes' changes arrive within nf.identity.session-state-ttl meanwhile";
                LOG.log(Level.FINE, LogId.CHANGES + ": the listening connection failed; reconnecting in a second", e);
                pause();
            }
        }
    }

    /**
     * Where listening stands, for the health checks: {@code listening}, {@code connecting}, {@code reconnecting...},
     * {@code unavailable...} (not PostgreSQL's driver), or {@code off...} (H2).
     */
    public String state() {
        return state;
    }

    private void userChanged(String payload) {
        try {
            guard.heard(UUID.fromString(payload));
        } catch (IllegalArgumentException e) {
            guard.heardAll(); // not ours to parse: be safe
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
