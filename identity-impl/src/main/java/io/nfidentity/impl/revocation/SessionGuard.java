package io.nfidentity.impl.revocation;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.metrics.Metrics;
import io.nfidentity.impl.store.ChangeFeed;
import io.nfidentity.impl.store.TokenStateStore;
import io.nfidentity.impl.token.Claims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends a user's access tokens before their {@code exp}: each user has a "not before" instant (set by logout
 * everywhere and password changes; a deleted user has none to pass), and a token issued before it is refused; while
 * a user is suspended, every token of it is refused.
 *
 * <p>GoTrue's tokens carry no {@code iat}, so a token's issue time is its {@code exp} minus the configured lifetime.
 * The per-user state is cached on each node for {@code nf.identity.session-state-ttl} (a hash lookup per request); a
 * change on this node takes effect at once. On PostgreSQL every change is also announced to the other nodes
 * ({@link ChangeFeed}, delivered at commit), which drop their cached state at once; the TTL is the fallback while a
 * node cannot listen. If the database cannot be read, valid tokens keep working: a session must survive a database
 * outage.
 */
@ApplicationScoped
public class SessionGuard {
    static final Duration RETRY_READS = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(SessionGuard.class.getName());
    private static final int MAX_ENTRIES = 100_000;

    private record State(
            boolean exists,
            Instant notBefore,
            Instant bannedUntil,
            Set<UUID> endedSessions,
            Instant rolesNotBefore,
            List<String> roles,
            Instant aal2NotBefore,
            Instant readAt) {}

    private final ConcurrentHashMap<UUID, State> states = new ConcurrentHashMap<>();

    /**
     * Counts changes of any user's state. A read keeps its result only if no change came between its start and its
     * end: a read in flight while a revocation commits would otherwise put back the state from before it, served for
     * {@code session-state-ttl}. (One counter for all users: a change elsewhere only costs a read its caching.)
     */
    private final AtomicLong epoch = new AtomicLong();

    /**
     * After a failed read, the database is left alone for {@link #RETRY_READS}: during an outage every request would
     * otherwise wait for a connection that cannot be made. Meanwhile the last known state (however old) is used.
     */
    private volatile Instant retryReadsAt = Instant.MIN;

    private final TokenStateStore stored;

    private final IdentityConfig config;

    private final Clock clock;

    private final ChangeFeed feed;

    private final Event<Committed> committed;

    @Inject
    public SessionGuard(
            TokenStateStore stored,
            IdentityConfig config,
            @Internal Clock clock,
            ChangeFeed feed,
            Event<Committed> committed) {
        this.stored = stored;
        this.config = config;
        this.clock = clock;
        this.feed = feed;
        this.committed = committed;
    }

    /** One node alone: nobody to tell of changes, and no transactions (each write commits at once). */
    public SessionGuard(TokenStateStore stored, IdentityConfig config, Clock clock) {
        this(stored, config, clock, null, null);
    }

    /** For the container's client proxy only. */
    protected SessionGuard() {
        this(null, null, null, null, null);
    }

    /** Where each check's state came from; replaced by the application's at injection (tests keep their own). */
    private Metrics metrics = new Metrics();

    @Inject
    void metrics(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Internal: a change of the user's state has been committed (or rolled back). */
    public record Committed(UUID userId) {}

    /** Whether the verified token may still be used. */
    public boolean allows(Claims claims) {
        Instant now = clock.instant();
        State state = states.get(claims.subject());
        if ((state == null
                        || state.readAt()
                                .plus(config.tokens().sessionStateTtl())
                                .isBefore(now))
                && !now.isBefore(retryReadsAt)) {
            State fresh = read(claims.subject(), now);
            metrics.sessionState(false);
            if (fresh != null) {
                state = fresh;
            }
        } else {
            metrics.sessionState(true);
        }
        if (state == null) {
            return true; // the database is unreachable and this user unseen: keep serving verified tokens
        }
        if (!state.exists()
                || (state.bannedUntil() != null && state.bannedUntil().isAfter(now))) {
            return false; // deleted, or suspended: no token counts, not even one issued in the second of it
        }
        if (claims.sessionId() != null
                && !state.endedSessions().isEmpty()
                && state.endedSessions().contains(claims.sessionId())) {
            return false; // its session was ended (logged out there, or ended from the session list)
        }
        Instant issuedAt = claims.expiresAt().minus(config.tokens().accessTokenTtl());
        if (state.rolesNotBefore() != null
                && issuedAt.isBefore(state.rolesNotBefore())
                && !Set.copyOf(claims.roles()).equals(Set.copyOf(state.roles()))) {
            return false; // issued in the second of a role change (or before it) with roles the user no longer has
        }
        if (claims.aal() == io.nfidentity.AssuranceLevel.AAL2
                && state.aal2NotBefore() != null
                && !issuedAt.isAfter(state.aal2NotBefore())) {
            return false; // level 2 from a factor since removed (the sessions were dropped to level 1 under lock)
        }
        return state.notBefore() == null || !issuedAt.isBefore(state.notBefore());
    }

    /**
     * A verified factor was removed and the user's sessions dropped to level 1: refuses every level-2 access token
     * issued until now, this very second included (the sessions' locks are held, so no level-2 token is issued after
     * it), on every node.
     */
    public void factorRemoved(UUID userId) {
        stored.setAal2NotBefore(userId, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        changed(userId);
    }

    /** Refuses every access token of the user issued until now, and forgets the cached state on this node. */
    public void endAccessTokens(UUID userId) {
        // whole seconds, as exp: a token issued within this very second survives; a login right after never fails
        stored.setNotBefore(userId, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        changed(userId);
    }

    /**
     * The user's roles changed: refuses every access token issued before this second, and those issued within it
     * unless they carry the new roles. Tokens have whole-second issue times, so "before the change" cannot be told
     * apart within its second; the roles can. The caller holds the locks of the user's live sessions
     * ({@link io.nfidentity.impl.store.RefreshTokenStore#lockLiveSessions}), so no refresh that read the old roles
     * can issue its token after this instant.
     */
    public void rolesChanged(UUID userId) {
        Instant second = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        stored.setRoleChange(userId, second, second.plusSeconds(1));
        changed(userId);
    }

    /**
     * Refuses every access token of the user issued until now, this very second included (for a suspension: nobody
     * can log in again within the second, so nothing legitimate is lost), and forgets the cached state on this node.
     */
    public void endEveryAccessToken(UUID userId) {
        stored.setNotBefore(
                userId,
                clock.instant()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .plusSeconds(1));
        changed(userId);
    }

    /** A session of the user ended: read the user's state again at its next token (on this node at once). */
    public void sessionEnded(UUID userId) {
        changed(userId);
    }

    /** The user is gone: forget it here at once (its row, and so its tokens, are gone everywhere). */
    public void forget(UUID userId) {
        changed(userId);
    }

    /** Another node changed the user: read its state again at its next token. */
    public void heard(UUID userId) {
        forgetNow(userId);
    }

    /** Notices may have been missed (this node was not listening): read every user's state again. */
    public void heardAll() {
        epoch.incrementAndGet();
        states.clear();
    }

    /**
     * Forgets the cached state here at once and again when the transaction ends (a read between the two saw the state
     * before the change: it is dropped too), and tells the other nodes (when the transaction commits) to do the same.
     */
    private void changed(UUID userId) {
        forgetNow(userId);
        if (committed != null) {
            committed.fire(new Committed(userId));
        }
        if (feed != null) {
            feed.publish(ChangeFeed.USERS, userId.toString());
        }
    }

    void afterCompletion(@Observes(during = TransactionPhase.AFTER_COMPLETION) Committed change) {
        forgetNow(change.userId());
    }

    private void forgetNow(UUID userId) {
        epoch.incrementAndGet();
        states.remove(userId);
    }

    private State read(UUID id, Instant now) {
        long seen = epoch.get();
        try {
            // a session ended longer ago than a token lives (plus the skew) has no unexpired token left to refuse
            Instant endedSince = now.minus(config.tokens().accessTokenTtl())
                    .minus(config.tokens().clockSkew());
            Optional<TokenStateStore.TokenState> row = stored.tokenState(id, endedSince);
            State state = new State(
                    row.isPresent(),
                    row.map(TokenStateStore.TokenState::notBefore).orElse(null),
                    row.map(TokenStateStore.TokenState::bannedUntil).orElse(null),
                    row.map(TokenStateStore.TokenState::endedSessions).orElse(Set.of()),
                    row.map(TokenStateStore.TokenState::rolesNotBefore).orElse(null),
                    row.map(r -> Claims.rolesOf(r.appMetadata())).orElse(List.of()),
                    row.map(TokenStateStore.TokenState::aal2NotBefore).orElse(null),
                    now);
            if (states.size() >= MAX_ENTRIES) {
                states.clear();
            }
            if (epoch.get() == seen) {
                states.put(id, state);
            }
            return state;
        } catch (RuntimeException e) {
            retryReadsAt = now.plus(RETRY_READS);
            LOG.log(
                    Level.FINE,
                    LogId.NOT_BEFORE_UNREADABLE + ": cannot read a user's session state; serving the verified token",
                    e);
            return null;
        }
    }
}
