package io.nfidentity.impl.store;

import io.nfidentity.impl.limit.Backoff;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** {@code nf_rate_limits}: one row per key, updated in place; rows of past windows are reused, not piled up. */
public final class RateLimitStore {
    private final Jdbc jdbc;

    public RateLimitStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public Optional<Instant> blockedUntil(String key) {
        return jdbc.one(
                        "SELECT blocked_until FROM nf_rate_limits WHERE limit_key = ?",
                        rs -> Optional.ofNullable(Jdbc.instant(rs, "blocked_until")),
                        key)
                .flatMap(o -> o);
    }

    /**
     * Adds a failure: a new window when the last one ended, else one more in it; then the delay. The increment is
     * one UPDATE, so concurrent failures all count.
     */
    public void countFailure(String key, Instant now, Backoff backoff) {
        Instant windowFloor = now.minus(backoff.window());
        int changed = jdbc.write(
                "UPDATE nf_rate_limits SET failures = CASE WHEN window_start < ? THEN 1"
                        + " ELSE failures + 1 END, window_start = CASE WHEN window_start < ? THEN ? ELSE window_start END"
                        + " WHERE limit_key = ?",
                windowFloor,
                windowFloor,
                now,
                key);
        if (changed == 0) {
            try {
                jdbc.update("INSERT INTO nf_rate_limits (limit_key, window_start, failures) VALUES (?,?,1)", key, now);
            } catch (SQLException e) {
                if (!StoreException.isUniqueViolation(e)) {
                    throw StoreException.of(e);
                }
                jdbc.write("UPDATE nf_rate_limits SET failures = failures + 1 WHERE limit_key = ?", key);
            }
        }
        record Counter(Instant start, int failures) {}
        Counter c = jdbc.one(
                        "SELECT window_start, failures FROM nf_rate_limits WHERE limit_key = ?",
                        rs -> new Counter(Jdbc.instant(rs, "window_start"), rs.getInt("failures")),
                        key)
                .orElse(null);
        if (c != null) {
            Duration left = Duration.between(now, c.start().plus(backoff.window()));
            Duration delay = backoff.after(c.failures(), left.isNegative() ? Duration.ZERO : left);
            jdbc.write(
                    "UPDATE nf_rate_limits SET blocked_until = ? WHERE limit_key = ?",
                    delay.isZero() ? null : now.plus(delay),
                    key);
        }
    }

    public void clear(String key) {
        jdbc.write("DELETE FROM nf_rate_limits WHERE limit_key = ?", key);
    }
}
