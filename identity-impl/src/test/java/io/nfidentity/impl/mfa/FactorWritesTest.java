package io.nfidentity.impl.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nfidentity.IdentityException;
import io.nfidentity.impl.DirectEvent;
import io.nfidentity.impl.HandClock;
import io.nfidentity.impl.TestConfig;
import io.nfidentity.impl.TestWiring;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.mail.Notices;
import io.nfidentity.impl.store.FactorStore;
import io.nfidentity.impl.store.SessionStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.token.SecretSeal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A challenge's lifetime, on the real SQL of an embedded database and a hand-moved clock. */
class FactorWritesTest {
    private final HandClock clock = new HandClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final IdentityConfig config = TestConfig.with(
            "mfa.enabled", "true", "jwt.key-encryption-key", "unit-test-key-encryption-key-0123456789abcdef");
    private FactorWrites writes;
    private UserRow user;
    private UUID session;

    @BeforeEach
    void wire() {
        TestWiring w = new TestWiring(config, clock);
        writes = new FactorWrites(
                config,
                clock,
                w.users,
                new FactorStore(w.ds),
                new SessionStore(w.ds),
                w.sessionWrites,
                new SecretSeal(config.keys().encryptionKey()),
                w.events,
                w.audit,
                new Notices(new DirectEvent<>(), new DirectEvent<>(), null)); // nobody listens: no mail goes out
        user = w.newUsers.row("ada@example.com", "hash", null, true, List.of());
        w.users.insert(user);
        w.sessionWrites.open(user, "password");
        session = w.sessionStore.liveSessions(user.id(), clock.instant()).get(0).id();
    }

    private String codeNow(String secret) {
        return Totp.code(secret, Totp.step(clock.instant()));
    }

    @Test
    void aChallengeAnsweredAfterItsExpiryIsRefusedEvenWithTheRightCodeAndANewOneTakesIt() {
        FactorWrites.Enrolment e = writes.enroll(user.id(), "phone");
        UUID factor = e.row().id();
        FactorStore.ChallengeRow stale = writes.challenge(user.id(), session, factor);
        clock.advance(Duration.ofSeconds(301)); // nf.identity.mfa.challenge-expiry: 300 s

        IdentityException refused = assertThrows(
                IdentityException.class,
                () -> writes.verify(user.id(), session, factor, stale.id(), codeNow(e.secret())));
        assertEquals("mfa_challenge_expired", refused.errorCode());

        FactorStore.ChallengeRow fresh = writes.challenge(user.id(), session, factor);
        assertEquals(
                "totp",
                writes.verify(user.id(), session, factor, fresh.id(), codeNow(e.secret()))
                        .method());
    }

    @Test
    void aChallengeAnsweredJustBeforeItsExpiryCounts() {
        FactorWrites.Enrolment e = writes.enroll(user.id(), "phone");
        UUID factor = e.row().id();
        FactorStore.ChallengeRow c = writes.challenge(user.id(), session, factor);
        clock.advance(Duration.ofSeconds(299));
        FactorWrites.Verified v = writes.verify(user.id(), session, factor, c.id(), codeNow(e.secret()));
        assertEquals(10, v.recoveryCodes().size(), "the first factor's first code brings the recovery codes");
    }
}
