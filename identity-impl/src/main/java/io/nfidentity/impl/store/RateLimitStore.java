package io.nfidentity.impl.store;

import io.nfidentity.impl.error.StoreException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@code nf_rate_limits}: one row per key, updated in place; rows of past windows are reused while the key is in use
 * and purged afterwards ({@link #purge}).
 */
public final class RateLimitStore {
    /** Compare-and-set rounds before an attempt is refused: a key this contended is under attack anyway. */
    private static final int MAX_ROUNDS = 64;

    private final Jdbc jdbc;

    public RateLimitStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** When a key that just counted its {@code attempts}-th attempt of a window may try again; {@code null}: at once. */
    @FunctionalInterface
    public interface Delay {
        Instant blockedUntil(Instant windowStart, Instant now, int attempts);
    }

    private record Counter(Instant start, int attempts, Instant blockedUntil) {}

    /**
     * Counts one attempt for the key, unless the key is waiting out a delay. The count is taken <em>before</em> the
     * work it guards (a password hash), by a compare-and-set on the row, so that however many requests arrive at
     * once, no more than the allowance get through: of concurrent reservations exactly one wins each count.
     *
     * @return empty when the attempt may go ahead (it is counted); otherwise the instant the key may try again
     */
    public Optional<Instant> reserve(String key, Instant now, Duration window, Delay delay) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Counter c = read(key).orElse(null);
            if (c == null) {
                if (insertFirst(key, now, delay)) {
                    return Optional.empty();
                }
                continue;
            }
            if (c.blockedUntil() != null && c.blockedUntil().isAfter(now)) {
                return Optional.of(c.blockedUntil());
            }
            boolean newWindow = c.start().plus(window).isBefore(now);
            Instant start = newWindow ? now : c.start();
            int attempts = newWindow ? 1 : c.attempts() + 1;
            int changed = casUpdate(
                    "UPDATE nf_rate_limits SET window_start = ?, failures = ?, blocked_until = ?"
                            + " WHERE limit_key = ? AND window_start = ? AND failures = ?",
                    start,
                    attempts,
                    delay.blockedUntil(start, now, attempts),
                    key,
                    c.start(),
                    c.attempts());
            if (changed == 1) {
                return Optional.empty();
            }
        }
        return Optional.of(now.plusSeconds(1));
    }

    /** Gives back one reserved attempt (it succeeded, and the key counts failures only). */
    public void release(String key) {
        jdbc.write("UPDATE nf_rate_limits SET failures = failures - 1 WHERE limit_key = ? AND failures > 0", key);
    }

    public void clear(String key) {
        jdbc.write("DELETE FROM nf_rate_limits WHERE limit_key = ?", key);
    }

    /** Deletes rows whose window ended before {@code before} and that block nothing any more. */
    public int purge(Instant before, Instant now) {
        return jdbc.write(
                "DELETE FROM nf_rate_limits WHERE window_start < ? AND (blocked_until IS NULL OR blocked_until < ?)",
                before,
                now);
    }

    private Optional<Counter> read(String key) {
        return jdbc.one(
                "SELECT window_start, failures, blocked_until FROM nf_rate_limits WHERE limit_key = ?",
                rs -> new Counter(
                        Jdbc.instant(rs, "window_start"), rs.getInt("failures"), Jdbc.instant(rs, "blocked_until")),
                key);
    }

    private boolean insertFirst(String key, Instant now, Delay delay) {
        try {
            jdbc.update(
                    "INSERT INTO nf_rate_limits (limit_key, window_start, failures, blocked_until) VALUES (?,?,1,?)",
                    key,
                    now,
                    delay.blockedUntil(now, now, 1));
            return true;
        } catch (SQLException e) {
            if (StoreException.isUniqueViolation(e)) {
                return false; // a concurrent first attempt inserted it: count on the row it made
            }
            throw StoreException.of(e);
        }
    }

    private int casUpdate(String sql, Object... params) {
        try {
            return jdbc.update(sql, params);
        } catch (SQLException e) {
            if (StoreException.isConcurrentUpdate(e)) {
                return 0; // the row changed under us: read it again
            }
            throw StoreException.of(e);
        }
    }
}
