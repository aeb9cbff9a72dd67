package io.nfidentity.impl.token;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded cache of access tokens that passed full verification, keyed by the exact token string, so a browser's
 * repeated requests with the same {@code nf_jwt} skip the HMAC and JSON parsing. Only verified tokens get in; an entry
 * is dropped at the token's {@code exp} (no clock skew: the cache never extends a token's life). When full it is
 * emptied: simpler than LRU bookkeeping on every request, and the next requests just verify again.
 *
 * <p>Memory is bounded twice: by {@code maxEntries}, and by {@code maxBytes}, an estimate of what the entries hold
 * (a token and the claims parsed from it take about four bytes of heap per character of the token), so that tokens
 * made large on purpose (big metadata) cannot grow the cache past its budget.
 */
public final class VerifiedTokens {
    private final int maxEntries;
    private final long maxBytes;
    private final Clock clock;
    private final ConcurrentHashMap<String, Claims> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    public VerifiedTokens(int maxEntries, long maxBytes, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** Heap held by an entry, estimated: the token string, its claims maps, the map node. */
    static long cost(String token) {
        return 128 + 4L * token.length();
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
        long cost = cost(token);
        if (cost > maxBytes) {
            return;
        }
        if (entries.size() >= maxEntries || bytes.get() + cost > maxBytes) {
            entries.clear();
            bytes.set(0);
        }
        if (entries.put(token, claims) == null) {
            bytes.addAndGet(cost);
        }
    }

    /** Forgets every entry: the keys changed, and a token verified before may no longer be. */
    void clear() {
        entries.clear();
        bytes.set(0);
    }

    long bytes() {
        return bytes.get();
    }

    int size() {
        return entries.size();
    }
}
