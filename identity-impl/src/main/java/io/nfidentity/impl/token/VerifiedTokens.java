package io.nfidentity.impl.token;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded cache of access tokens that passed full verification, keyed by the exact token string, so a browser's
 * repeated requests with the same {@code nf_jwt} skip the HMAC and JSON parsing. Only verified tokens get in; an entry
 * is dropped at the token's {@code exp} (no clock skew: the cache never extends a token's life). When full it is
 * emptied: simpler than LRU bookkeeping on every request, and the next requests just verify again.
 *
 * <p>Memory is bounded by {@code maxEntries} times the size of a token and its claims (a few KiB at most each).
 */
public final class VerifiedTokens {
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<String, Claims> entries = new ConcurrentHashMap<>();

    public VerifiedTokens(int maxEntries, Clock clock) {
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    Optional<Claims> get(String token) {
        if (maxEntries == 0) {
            return Optional.empty();
        }
        Claims claims = entries.get(token);
        if (claims == null) {
            return Optional.empty();
        }
        if (!claims.expiresAt().isAfter(clock.instant())) {
            entries.remove(token, claims);
            return Optional.empty();
        }
        return Optional.of(claims);
    }

    void put(String token, Claims claims) {
        if (maxEntries == 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(token, claims);
    }

    int size() {
        return entries.size();
    }
}
