package io.nfidentity.impl.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nfidentity.EmailNotConfirmedException;
import io.nfidentity.InvalidCredentialsException;
import io.nfidentity.event.UserLogin;
import io.nfidentity.impl.DirectEvent;
import io.nfidentity.impl.HandClock;
import io.nfidentity.impl.TestConfig;
import io.nfidentity.impl.TestWiring;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.lifecycle.NewUsers;
import io.nfidentity.impl.limit.Backoff;
import io.nfidentity.impl.limit.DeviceCookies;
import io.nfidentity.impl.limit.Limiters;
import io.nfidentity.impl.limit.RateLimiter;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.session.SessionWrites;
import io.nfidentity.impl.store.RateLimitStore;
import io.nfidentity.impl.store.UserStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Password login's limits on an embedded database: the account-wide counter stops strangers, a device the owner
 * logged in from is counted on its own, and the right password is never counted as a guess.
 */
class PasswordLoginTest {
    private static final String PW = "correct horse battery";
    private final HandClock clock = new HandClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final IdentityConfig config = TestConfig.with("limits.account.free", "3", "limits.account.per-hour", "3");
    private final DirectEvent<io.nfidentity.event.IdentityEvent> events = new DirectEvent<>();
    private PasswordLogin sessions;
    private UserStore users;

    private io.nfidentity.impl.store.AuditStore audit;
    private DeviceCookies devices;

    @BeforeEach
    void wire() {
        TestWiring w = new TestWiring(config, clock, events);
        DataSource ds = w.ds;
        users = w.users;
        audit = w.auditStore;
        io.nfidentity.impl.audit.AuditLog log = w.audit;
        PasswordHasher hasher = new PasswordHasher(config);
        SessionWrites writes = w.sessionWrites;
        RateLimitStore store = new RateLimitStore(ds);
        IdentityConfig.Limits l = config.limits();
        Limiters limits = new Limiters(
                new RateLimiter(
                        store,
                        clock,
                        new Backoff(l.accountFree(), l.maxDelay(), l.accountPerHour(), Duration.ofHours(1)),
                        log::refused),
                new RateLimiter(
                        store, clock, new Backoff(1000, l.maxDelay(), 100_000, Duration.ofHours(1)), log::refused));
        devices = new DeviceCookies(config, clock);
        NewUsers newUsers = new NewUsers(config, clock);
        sessions = new PasswordLogin(clock, users, hasher, writes, limits, devices, log);
        users.insert(newUsers.row("ada@example.com", hasher.hash(PW), null, true, List.of()));
        users.insert(newUsers.row("new@example.com", hasher.hash(PW), null, false, List.of()));
    }

    private PasswordLogin.Client stranger() {
        return new PasswordLogin.Client("203.0.113.7", null);
    }

    private PasswordLogin.Client device(String email) {
        String set = devices.issue(email);
        return new PasswordLogin.Client("198.51.100.1", set.substring(set.indexOf('=') + 1, set.indexOf(';')));
    }

    @Test
    void aGuesserHoldsStrangersAtTheCapButNotTheOwnersDevice() {
        for (int i = 0; i < 3; i++) {
            assertThrows(
                    InvalidCredentialsException.class, () -> sessions.login("ada@example.com", "guess", stranger()));
        }
        assertThrows(
                RateLimiter.TooManyRequestsException.class,
                () -> sessions.login("ada@example.com", PW, stranger()),
                "a stranger waits, right password or not");

        assertEquals(
                "ada@example.com",
                sessions.login("ada@example.com", PW, device("ada@example.com"))
                        .user()
                        .email());
        assertEquals(
                1, events.fired.stream().filter(UserLogin.class::isInstance).count(), "one login happened");
    }

    @Test
    void aDeviceOfAnotherAccountCountsForNothing() {
        for (int i = 0; i < 3; i++) {
            assertThrows(
                    InvalidCredentialsException.class, () -> sessions.login("ada@example.com", "guess", stranger()));
        }
        assertThrows(
                RateLimiter.TooManyRequestsException.class,
                () -> sessions.login("ada@example.com", PW, device("eve@example.com")));
    }

    @Test
    void theRightPasswordIsNeverCountedAsAGuess() {
        for (int i = 0; i < 5; i++) {
            // right password, address not confirmed yet: refused, but no guess
            assertThrows(EmailNotConfirmedException.class, () -> sessions.login("new@example.com", PW, stranger()));
        }
        assertThrows(InvalidCredentialsException.class, () -> sessions.login("new@example.com", "guess", stranger()));
    }

    private java.util.List<io.nfidentity.AuditEntry> auditLog() {
        return audit.list(
                new io.nfidentity.impl.store.AuditStore.Filter(null, null, null, null, null), null, null, 0, 100);
    }

    @Test
    void failedLoginsAreAuditedWithTheReasonAndWhoWasTriedButNeverThePassword() {
        assertThrows(InvalidCredentialsException.class, () -> sessions.login("ada@example.com", "guess-1", stranger()));
        clock.advance(Duration.ofSeconds(1));
        assertThrows(
                InvalidCredentialsException.class, () -> sessions.login("nobody@example.com", "guess-2", stranger()));
        clock.advance(Duration.ofSeconds(1));
        assertThrows(EmailNotConfirmedException.class, () -> sessions.login("new@example.com", PW, stranger()));
        clock.advance(Duration.ofSeconds(1));
        sessions.login("ada@example.com", PW, stranger());

        var entries = auditLog();
        assertEquals(
                List.of(
                        io.nfidentity.AuditAction.LOGIN,
                        io.nfidentity.AuditAction.LOGIN_FAILED,
                        io.nfidentity.AuditAction.LOGIN_FAILED,
                        io.nfidentity.AuditAction.LOGIN_FAILED),
                entries.stream().map(io.nfidentity.AuditEntry::action).toList(),
                "newest first");
        UUID ada = users.findByEmail("ada@example.com").orElseThrow().id();
        assertEquals(ada, entries.get(0).targetId());
        assertEquals("email_not_confirmed", entries.get(1).traits().get("reason"));
        assertEquals("nobody@example.com", entries.get(2).actorEmail(), "the address that was tried");
        assertEquals(null, entries.get(2).targetId(), "an unknown address is no user");
        assertEquals(ada, entries.get(3).targetId());
        assertEquals("invalid_credentials", entries.get(3).traits().get("reason"));
        String all = entries.toString();
        assertFalse(all.contains("guess") || all.contains(PW), "no password in the log: " + all);
    }

    @Test
    void aRateLimitRefusalIsAuditedOncePerKeyAndMinute() {
        for (int i = 0; i < 3; i++) {
            assertThrows(
                    InvalidCredentialsException.class, () -> sessions.login("ada@example.com", "guess", stranger()));
        }
        for (int i = 0; i < 3; i++) {
            assertThrows(
                    RateLimiter.TooManyRequestsException.class,
                    () -> sessions.login("ada@example.com", "guess", stranger()));
        }
        var refusals = auditLog().stream()
                .filter(e -> e.action() == io.nfidentity.AuditAction.RATE_LIMITED)
                .toList();
        assertEquals(1, refusals.size(), "three refusals, one entry: " + refusals);
        assertEquals("login:account:ada@example.com", refusals.get(0).traits().get("limit"));
    }
}
