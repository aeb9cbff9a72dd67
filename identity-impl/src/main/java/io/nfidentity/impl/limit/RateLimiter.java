package io.nfidentity.impl.limit;

import io.nfidentity.IdentityException;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.store.RateLimitStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts attempts per key in the database and refuses them while a key is in its delay, with 429 and the seconds to
 * wait. An attempt is counted when it is <em>reserved</em>, before the work it guards, so a burst of parallel requests
 * gets no more through than a patient attacker; {@link #succeeded} and {@link #release} undo the count afterwards.
 * Keys name what is limited: {@code login:account:<email>}, {@code login:address:<address>}, ...
 */
public final class RateLimiter {
    private final RateLimitStore store;
    private final Clock clock;
    private final Backoff backoff;
    private final java.util.function.Consumer<String> onRefusal;

    public RateLimiter(RateLimitStore store, Clock clock, Backoff backoff) {
        this(store, clock, backoff, key -> {});
    }

    /** @param onRefusal told the key of each refused attempt (the audit log records it) */
    public RateLimiter(
            RateLimitStore store, Clock clock, Backoff backoff, java.util.function.Consumer<String> onRefusal) {
        this.store = store;
        this.clock = clock;
        this.backoff = backoff;
        this.onRefusal = onRefusal;
    }

    /**
     * Counts an attempt for the key, atomically.
     *
     * @throws TooManyRequestsException when the key is still waiting out a delay (nothing is counted then)
     */
    public void reserve(String key) {
        Instant now = clock.instant();
        Optional<Instant> until = store.reserve(
                key, now, backoff.window(), this::blockedUntil, Math.min(backoff.free(), backoff.hardCap()));
        if (until.isPresent()) {
            onRefusal.accept(key);
            throw new TooManyRequestsException(Duration.between(now, until.get()));
        }
    }

    private Instant blockedUntil(Instant windowStart, Instant now, int attempts) {
        Duration left = Duration.between(now, windowStart.plus(backoff.window()));
        Duration delay = backoff.after(attempts, left.isNegative() ? Duration.ZERO : left);
        return delay.isZero() ? null : now.plus(delay);
    }

    /** A success forgets the key's failures (an account's owner logged in). */
    public void succeeded(String key) {
        store.clear(key);
    }

    /** A success gives back its reserved attempt, for keys that count only failures but keep their history. */
    public void release(String key) {
        store.release(key);
    }

    /** 429 with {@code Retry-After}. */
    public static final class TooManyRequestsException extends IdentityException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        TooManyRequestsException(Duration wait) {
            super(
                    Problem.TOO_MANY_REQUESTS.status(),
                    Problem.TOO_MANY_REQUESTS.code(),
                    Problem.TOO_MANY_REQUESTS.message() + "; try again in " + Math.max(1, wait.toSeconds())
                            + " seconds");
            this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
