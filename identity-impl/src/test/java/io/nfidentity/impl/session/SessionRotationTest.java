package io.nfidentity.impl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nfidentity.AuditAction;
import io.nfidentity.impl.DirectEvent;
import io.nfidentity.impl.HandClock;
import io.nfidentity.impl.TestConfig;
import io.nfidentity.impl.TestDatabase;
import io.nfidentity.impl.TestWiring;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.lifecycle.NewUsers;
import io.nfidentity.impl.store.AuditStore;
import io.nfidentity.impl.store.RefreshTokenStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.OpaqueTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of refresh-token rotation, on the real SQL of an embedded database and a hand-moved clock: the grace
 * interval returns the one live token, serves live sessions only, and a replay after it ends the session.
 */
class SessionRotationTest {
    /** Where the test runs: H2 here, PostgreSQL in {@link SessionRotationPostgresTest}. */
    DataSource database() {
        return TestDatabase.migrated();
    }

    TestWiring wiring;

    private final HandClock clock = new HandClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final IdentityConfig config = TestConfig.with("refresh-token.reuse-interval", "10");
    private SessionWrites writes;
    private SessionRotation rotation;
    private RefreshTokenStore tokens;
    private UserRow user;

    @BeforeEach
    void newDatabase() {
        TestWiring w = new TestWiring(config, clock, new DirectEvent<>(), database());
        wiring = w;
        UserStore users = w.users;
        tokens = w.refreshTokens;
        writes = w.sessionWrites;
        rotation = w.sessionRotation;
        user = new NewUsers(config, clock).row("ada@example.com", "hash", null, true, List.of());
        users.insert(user);
    }

    private String firstToken() {
        return writes.open(user, "password").refreshToken();
    }

    private long entries(AuditAction action) {
        return wiring.auditStore.count(new AuditStore.Filter(user.id(), action, null, null, null));
    }

    @Test
    void aSignInWritesItsSessionItsTokenAndItsAuditEntryTogether() {
        String refresh = writes.signIn(user, "email").refreshToken();

        RefreshTokenStore.Presented presented =
                tokens.findForRotation(OpaqueTokens.hash(refresh)).orElseThrow();
        assertEquals(RefreshTokenStore.SessionLock.LIVE, presented.session(), "the token's session row exists");
        assertEquals(1, entries(AuditAction.LOGIN));
    }

    @Test
    void aRotationRecordsOneEntryAndARotationThatLostItsRaceWritesNothing() {
        String first = firstToken();
        rotation.rotate(first, true);
        assertEquals(1, entries(AuditAction.TOKEN_REFRESHED));

        // the loser of a race: its token was rotated between its read and its write
        RefreshTokenStore.TokenRow rotated =
                tokens.find(OpaqueTokens.hash(first)).orElseThrow();
        boolean won = tokens.rotate(
                rotated.id(),
                clock.instant(),
                "sealed",
                new RefreshTokenStore.NewToken(
                        OpaqueTokens.hash("a-successor-that-must-not-be-stored"),
                        user.id(),
                        rotated.familyId(),
                        clock.instant(),
                        clock.instant().plus(Duration.ofDays(1)),
                        clock.instant()),
                wiring.audit.selfEntry(AuditAction.TOKEN_REFRESHED, user.id(), user.email(), Map.of()));

        assertFalse(won);
        assertEquals(1, entries(AuditAction.TOKEN_REFRESHED), "no entry for a rotation that did not happen");
        assertEquals(
                Optional.empty(),
                tokens.find(OpaqueTokens.hash("a-successor-that-must-not-be-stored")),
                "no successor either");
        assertEquals(1, tokens.countLive(user.id(), clock.instant()));
    }

    @Test
    void aRotationIssuesANewTokenAndTheOldOneNoLongerRotates() {
        String first = firstToken();
        String second = rotation.rotate(first, true).refreshToken();

        assertNotEquals(first, second);
        assertEquals(1, tokens.countLive(user.id(), clock.instant()), "one live token in the session");
    }

    @Test
    void aConcurrentRefreshWithinTheIntervalGetsTheSameLiveToken() {
        String first = firstToken();
        String second = rotation.rotate(first, true).refreshToken();
        clock.advance(Duration.ofSeconds(3));

        assertEquals(second, rotation.rotate(first, true).refreshToken(), "an API client: the one live token");
        assertNull(rotation.rotate(first, false).refreshToken(), "a cookie session: only an access token");
        assertEquals(1, tokens.countLive(user.id(), clock.instant()), "nothing forked");
    }

    @Test
    void theChainIsFollowedToTheLiveEndOfTheSession() {
        String first = firstToken();
        String second = rotation.rotate(first, true).refreshToken();
        String third = rotation.rotate(second, true).refreshToken();

        assertEquals(third, rotation.rotate(first, true).refreshToken(), "two rotations ago, still the live one");
    }

    @Test
    void afterTheSessionEndsNoTokenOfItRefreshesEvenWithinTheInterval() {
        String first = firstToken();
        String second = rotation.rotate(first, true).refreshToken();

        wiring.logouts.end(second);

        assertThrows(InvalidGrantException.class, () -> rotation.rotate(first, true), "the rotated one");
        assertThrows(InvalidGrantException.class, () -> rotation.rotate(second, true), "the live one");
        assertEquals(0, tokens.countLive(user.id(), clock.instant()), "and nothing was minted");
    }

    @Test
    void aReplayAfterTheIntervalEndsTheWholeSession() {
        String first = firstToken();
        String second = rotation.rotate(first, true).refreshToken();
        clock.advance(Duration.ofSeconds(11));

        assertThrows(InvalidGrantException.class, () -> rotation.rotate(first, true), "the thief's replay");
        assertThrows(InvalidGrantException.class, () -> rotation.rotate(second, true), "the owner's copy dies too");
    }

    @Test
    void anExpiredTokenDoesNotRotate() {
        String first = firstToken();
        clock.advance(config.sessions().refreshTokenTtl().plusSeconds(1));

        InvalidGrantException e = assertThrows(InvalidGrantException.class, () -> rotation.rotate(first, true));
        assertEquals("Refresh token expired", e.getMessage());
    }
}
