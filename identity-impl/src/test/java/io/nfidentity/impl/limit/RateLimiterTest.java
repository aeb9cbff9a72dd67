package io.nfidentity.impl.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nfidentity.impl.HandClock;
import io.nfidentity.impl.TestDatabase;
import io.nfidentity.impl.store.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Reservations on the real SQL of an embedded database: the allowance holds however many arrive at once. {@link
 * RateLimiterPostgresTest} runs the same on PostgreSQL, where the free attempts take the one-statement upsert.
 */
class RateLimiterTest {
    private final HandClock clock = new HandClock(Instant.parse("2026-12-01T10:00:00Z"));
    final DataSource database = database();
    private final RateLimiter limiter = new RateLimiter(
            new RateLimitStore(database), clock, new Backoff(5, Duration.ofSeconds(60), 100, Duration.ofHours(1)));

    DataSource database() {
        return TestDatabase.migrated();
    }

    @Test
    void aWindowThatIsOverCountsFromOneAgainEvenForAKeyThatWasDelayed() {
        for (int i = 0; i < 5; i++) {
            limiter.reserve("w");
        }
        assertThrows(RateLimiter.TooManyRequestsException.class, () -> limiter.reserve("w"));
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        for (int i = 0; i < 5; i++) {
            limiter.reserve("w"); // a new window: the first five are free again
        }
        assertThrows(RateLimiter.TooManyRequestsException.class, () -> limiter.reserve("w"));
    }

    @Test
    void aReleasedAttemptDoesNotCount() {
        for (int i = 0; i < 4; i++) {
            limiter.reserve("r");
        }
        limiter.release("r");
        limiter.reserve("r"); // the fourth again
        limiter.reserve("r"); // the fifth, which sets the first delay
        assertThrows(RateLimiter.TooManyRequestsException.class, () -> limiter.reserve("r"));
    }

    @Test
    void fiveAttemptsGoThroughThenTheSixthWaitsAndASuccessForgives() {
        for (int i = 0; i < 5; i++) {
            limiter.reserve("k");
        }
        RateLimiter.TooManyRequestsException e =
                assertThrows(RateLimiter.TooManyRequestsException.class, () -> limiter.reserve("k"));
        assertEquals(1, e.retryAfterSeconds(), "the first delay is a second");
        clock.advance(Duration.ofSeconds(1));
        limiter.reserve("k"); // the delay is over
        limiter.succeeded("k");
        for (int i = 0; i < 5; i++) {
            limiter.reserve("k");
        }
    }

    @Test
    void aBurstOfParallelReservationsGetsNoMoreThanTheAllowance() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> {
                    try {
                        limiter.reserve("burst");
                        return true;
                    } catch (RateLimiter.TooManyRequestsException refused) {
                        return false;
                    }
                }));
            }
            int through = 0;
            for (Future<Boolean> r : results) {
                through += r.get() ? 1 : 0;
            }
            assertEquals(5, through, "the clock stands still: exactly the allowance");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keysAreCountedApart() {
        for (int i = 0; i < 5; i++) {
            limiter.reserve("a");
        }
        assertThrows(RateLimiter.TooManyRequestsException.class, () -> limiter.reserve("a"));
        limiter.reserve("b");
    }
}
