package io.nfidentity.impl.limit;

import io.nfidentity.IdentityException;
import io.nfidentity.impl.store.RateLimitStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts failures per key in the database and refuses attempts while a key is in its delay, with 429 and the seconds
 * to wait. Keys name what is limited: {@code login:account:<email>}, {@code login:ip:<address>}, ...
 */
public final class RateLimiter {
    private final RateLimitStore store;
    private final Clock clock;
    private final Backoff backoff;

    public RateLimiter(RateLimitStore store, Clock clock, Backoff backoff) {
        this.store = store;
        this.clock = clock;
        this.backoff = backoff;
    }

    /** @throws TooManyRequestsException when any of the keys is still waiting out a delay */
    public void check(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            Instant until = store.blockedUntil(key).orElse(null);
            if (until != null && until.isAfter(now)) {
                throw new TooManyRequestsException(Duration.between(now, until));
            }
        }
    }

    /** Counts one failure for each key and sets its next delay. */
    public void failed(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            store.countFailure(key, now, backoff);
        }
    }

    /** A success forgets the key's failures (an account's owner logged in). */
    public void succeeded(String key) {
        store.clear(key);
    }

    /** 429 with {@code Retry-After}. */
    public static final class TooManyRequestsException extends IdentityException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        TooManyRequestsException(Duration wait) {
            super(
                    429,
                    "too_many_requests",
                    "Too many attempts; try again in " + Math.max(1, wait.toSeconds()) + " seconds");
            this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
