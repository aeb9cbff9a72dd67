package io.nfidentity.impl.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.impl.HandClock;
import io.nfidentity.impl.TestConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");

    private Claims claims(Instant exp) {
        return new Claims(UUID.randomUUID(), "a@example.com", exp, Map.of(), Map.of(), List.of());
    }

    @Test
    void entryIsServedUntilTheTokensExpiryAndDroppedThen() {
        HandClock clock = new HandClock(t0);
        VerifiedTokens cache = new VerifiedTokens(10, 1 << 20, clock);
        cache.put("token", claims(t0.plusSeconds(10)));

        assertTrue(cache.get("token").isPresent(), "served before exp");
        clock.advance(java.time.Duration.ofSeconds(10));
        assertTrue(cache.get("token").isEmpty(), "never served at or after exp, even within the clock skew");
        assertEquals(0, cache.size(), "and dropped");
    }

    @Test
    void sizeNeverExceedsTheBound() {
        VerifiedTokens cache = new VerifiedTokens(3, 1 << 20, new HandClock(t0));
        for (int i = 0; i < 10; i++) {
            cache.put("t" + i, claims(t0.plusSeconds(60)));
            assertTrue(cache.size() <= 3, "size " + cache.size());
        }
    }

    @Test
    void heldBytesNeverExceedTheBudgetHoweverLargeTheTokens() {
        long budget = 64 * 1024;
        VerifiedTokens cache = new VerifiedTokens(1_000_000, budget, new HandClock(t0));
        String big = "x".repeat(8 * 1024); // a token fattened with metadata: about 32 KiB of heap each
        for (int i = 0; i < 50; i++) {
            cache.put(big + i, claims(t0.plusSeconds(60)));
            assertTrue(cache.bytes() <= budget, "held " + cache.bytes() + " bytes after " + (i + 1) + " tokens");
        }
        assertTrue(cache.size() <= 2, "only what fits the budget is kept: " + cache.size());
        cache.put("y".repeat(20_000), claims(t0.plusSeconds(60)));
        assertTrue(cache.get("y".repeat(20_000)).isEmpty(), "a token larger than the whole budget is not cached");
    }

    @Test
    void onlyTokensThatPassedVerificationAreCached() {
        VerifiedTokens cache = new VerifiedTokens(10, 1 << 20, Clock.systemUTC());
        AccessTokens tokens = new AccessTokens(TestConfig.config(), Clock.systemUTC(), cache);
        String good = tokens.issue(UUID.randomUUID(), "a@example.com", Map.of(), Map.of());
        String forged =
                good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);

        assertTrue(tokens.verify(forged).isEmpty());
        assertEquals(0, cache.size(), "a forged token is never cached");
        assertTrue(tokens.verify(good).isPresent());
        assertEquals(1, cache.size());
        assertTrue(tokens.verify(good).isPresent(), "second check served from the cache");
        assertTrue(tokens.verify(forged).isEmpty(), "still refused after the genuine one is cached");
    }

    @Test
    void sizeZeroDisablesTheCache() {
        VerifiedTokens cache = new VerifiedTokens(0, 1 << 20, new HandClock(t0));
        cache.put("token", claims(t0.plusSeconds(60)));
        assertTrue(cache.get("token").isEmpty());
    }
}
