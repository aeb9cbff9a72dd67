package io.nfidentity.impl.revocation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.impl.HandClock;
import io.nfidentity.impl.TestConfig;
import io.nfidentity.impl.TestDatabase;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.lifecycle.NewUsers;
import io.nfidentity.impl.store.TokenStateStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.Claims;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-user "not before", on an embedded database: what it refuses, and what it serves when it cannot read. */
class SessionGuardTest {
    private final HandClock clock = new HandClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final IdentityConfig config = TestConfig.config();
    private UserStore users;
    private javax.sql.DataSource ds;
    private SessionGuard guard;
    private UserRow user;

    @BeforeEach
    void newDatabase() {
        ds = TestDatabase.migrated();
        users = new UserStore(ds);
        guard = new SessionGuard(new TokenStateStore(ds), config, clock);
        user = new NewUsers(config, clock).row("ada@example.com", "hash", null, true, List.of());
        users.insert(user);
    }

    /** The claims of a token of the user issued at {@code issued}. */
    private Claims issuedAt(Instant issued) {
        return new Claims(
                user.id(), user.email(), issued.plus(config.tokens().accessTokenTtl()), Map.of(), Map.of(), List.of());
    }

    @Test
    void tokensIssuedBeforeTheEndAreRefusedAndLaterOnesServed() {
        Claims before = issuedAt(clock.instant().minusSeconds(60));
        assertTrue(guard.allows(before));

        clock.advance(Duration.ofSeconds(1));
        guard.endAccessTokens(user.id());
        clock.advance(Duration.ofSeconds(1));

        assertFalse(guard.allows(before), "issued before the end");
        assertTrue(guard.allows(issuedAt(clock.instant())), "issued after it (a new login)");
    }

    @Test
    void anotherNodeSeesTheEndOnceItsCacheExpires() {
        SessionGuard otherNode = new SessionGuard(new TokenStateStore(ds), config, clock);
        Claims token = issuedAt(clock.instant().minusSeconds(60));
        assertTrue(otherNode.allows(token), "read and cached there");

        clock.advance(Duration.ofSeconds(1));
        guard.endAccessTokens(user.id());

        assertTrue(otherNode.allows(token), "within the other node's cache interval, the old state");
        clock.advance(config.tokens().sessionStateTtl().plusSeconds(1));
        assertFalse(otherNode.allows(token), "after it, the end applies there too");
    }

    @Test
    void whileSuspendedNoTokenCountsNotEvenOneOfTheSameSecondAndAfterwardsTheyDoAgain() {
        Claims sameSecond = issuedAt(clock.instant());
        users.update(user.withBannedUntil(clock.instant().plusSeconds(30), clock.instant()));
        guard.endEveryAccessToken(user.id());

        assertFalse(guard.allows(sameSecond), "issued in the very second of the suspension");
        clock.advance(Duration.ofSeconds(31));
        assertTrue(guard.allows(issuedAt(clock.instant())), "a login after the suspension ended");
        assertFalse(guard.allows(sameSecond), "a token the suspension ended stays ended");
    }

    @Test
    void anEndedSessionsTokensAreRefusedAndTheOtherSessionsServed() {
        io.nfidentity.impl.store.RefreshTokenStore sessions = new io.nfidentity.impl.store.RefreshTokenStore(ds);
        UUID ended = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        for (UUID session : List.of(ended, kept)) {
            sessions.openSession(
                    session,
                    clock.instant(),
                    "password",
                    null,
                    null,
                    new io.nfidentity.impl.store.RefreshTokenStore.NewToken(
                            session.toString(),
                            user.id(),
                            session,
                            clock.instant(),
                            clock.instant().plus(Duration.ofDays(1)),
                            clock.instant()),
                    null);
        }
        Claims ofEnded = withSession(ended);
        Claims ofKept = withSession(kept);
        assertTrue(guard.allows(ofEnded), "read and cached while live");

        sessions.revokeFamily(ended, clock.instant(), "logout");
        guard.sessionEnded(user.id());

        assertFalse(guard.allows(ofEnded), "its session ended");
        assertTrue(guard.allows(ofKept), "another session of the same user");
        assertTrue(guard.allows(issuedAt(clock.instant())), "a token that names no session");
    }

    private Claims withSession(UUID session) {
        return new Claims(
                user.id(),
                user.email(),
                clock.instant().plus(config.tokens().accessTokenTtl()),
                Map.of(),
                Map.of(),
                List.of(),
                null,
                session);
    }

    @Test
    void aDeletedUsersTokensAreRefused() {
        Claims token = issuedAt(clock.instant());
        users.delete(user.id());
        guard.forget(user.id());

        assertFalse(guard.allows(token));
    }

    @Test
    void whenTheDatabaseCannotBeReadVerifiedTokensAreServed() {
        SessionGuard offline = new SessionGuard(new TokenStateStore(new Unreachable()), config, clock);
        assertTrue(offline.allows(issuedAt(clock.instant())), "an outage is not a refusal");
    }

    /** A datasource whose database is gone. */
    private static final class Unreachable implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("Connection refused", "08001");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    @Test
    void aReadInFlightDuringARevocationDoesNotCacheTheStateFromBeforeIt() throws Exception {
        io.nfidentity.impl.PausingDataSource paused = new io.nfidentity.impl.PausingDataSource(ds);
        SessionGuard cached = new SessionGuard(new TokenStateStore(paused), config, clock);
        Claims token = issuedAt(clock.instant());
        paused.pauseAfter("not_before");
        java.util.concurrent.CompletableFuture<Boolean> inFlight =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> cached.allows(token));
        assertTrue(paused.awaitPaused(), "the read ran and waits before caching what it read");

        clock.advance(Duration.ofSeconds(1));
        cached.endAccessTokens(user.id()); // logout everywhere, committed while the read is in flight
        paused.resume();

        assertTrue(inFlight.get(10, java.util.concurrent.TimeUnit.SECONDS), "the request in flight is served");
        assertFalse(cached.allows(token), "the next request reads the revocation, not the state from before it");
    }
}
