package io.nfidentity.impl.store;

import io.nfidentity.impl.error.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
     * once, no more than the allowance get through: of concurrent reservations exactly one wins each count. All of
     * it runs on one connection from the pool.
     *
     * @param freeBelow attempts of a window counted before this one carry no delay ({@code delay} answers
     *     {@code null} for them): on PostgreSQL such an attempt is counted by one statement, an upsert that leaves
     *     the row alone unless it is neither blocked nor near its delays; everything else takes the read and
     *     compare-and-set
     * @return empty when the attempt may go ahead (it is counted); otherwise the instant the key may try again
     */
    public Optional<Instant> reserve(String key, Instant now, Duration window, Delay delay, int freeBelow) {
        return jdbc.withConnection(c -> {
            if (freeBelow > 1 && jdbc.isPostgres() && countFree(c, key, now, now.minus(window), freeBelow)) {
                return Optional.empty();
            }
            return reserve(c, key, now, window, delay);
        });
    }

    /**
     * One attempt counted if it is free: the first of a window (a new key, or a window that is over), or one that
     * keeps the count below {@code freeBelow}, of a key not blocked now. The row lock of the upsert orders
     * concurrent ones, each counting on the row the one before it left.
     */
    private static boolean countFree(Connection c, String key, Instant now, Instant windowOver, int freeBelow)
            throws SQLException {
        return Jdbc.update(
                        c,
                        "INSERT INTO nf_rate_limits AS l (limit_key, window_start, failures, blocked_until)"
                                + " VALUES (?, ?, 1, NULL) ON CONFLICT (limit_key) DO UPDATE SET"
                                + " window_start = CASE WHEN l.window_start < ? THEN EXCLUDED.window_start"
                                + " ELSE l.window_start END,"
                                + " failures = CASE WHEN l.window_start < ? THEN 1 ELSE l.failures + 1 END,"
                                + " blocked_until = NULL"
                                + " WHERE (l.blocked_until IS NULL OR l.blocked_until <= ?)"
                                + " AND (l.window_start < ? OR l.failures + 1 < ?)",
                        key,
                        now,
                        windowOver,
                        windowOver,
                        now,
                        windowOver,
                        freeBelow)
                == 1;
    }

    private Optional<Instant> reserve(Connection c, String key, Instant now, Duration window, Delay delay)
            throws SQLException {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Counter counter = read(c, key).orElse(null);
            if (counter == null) {
                if (insertFirst(c, key, now, delay)) {
                    return Optional.empty();
                }
                continue;
            }
            if (counter.blockedUntil() != null && counter.blockedUntil().isAfter(now)) {
                return Optional.of(counter.blockedUntil());
            }
            boolean newWindow = counter.start().plus(window).isBefore(now);
            Instant start = newWindow ? now : counter.start();
            int attempts = newWindow ? 1 : counter.attempts() + 1;
            int changed = casUpdate(
                    c,
                    "UPDATE nf_rate_limits SET window_start = ?, failures = ?, blocked_until = ?"
                            + " WHERE limit_key = ? AND window_start = ? AND failures = ?",
                    start,
                    attempts,
                    delay.blockedUntil(start, now, attempts),
                    key,
                    counter.start(),
                    counter.attempts());
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

    private static Optional<Counter> read(Connection c, String key) throws SQLException {
        List<Counter> rows = Jdbc.list(
                c,
                "SELECT window_start, failures, blocked_until FROM nf_rate_limits WHERE limit_key = ?",
                rs -> new Counter(
                        Jdbc.instant(rs, "window_start"), rs.getInt("failures"), Jdbc.instant(rs, "blocked_until")),
                key);
        return rows.stream().findFirst();
    }

    private static boolean insertFirst(Connection c, String key, Instant now, Delay delay) throws SQLException {
        try {
            Jdbc.update(
                    c,
                    "INSERT INTO nf_rate_limits (limit_key, window_start, failures, blocked_until) VALUES (?,?,1,?)",
                    key,
                    now,
                    delay.blockedUntil(now, now, 1));
            return true;
        } catch (SQLException e) {
            if (StoreException.isUniqueViolation(e)) {
                return false; // a concurrent first attempt inserted it: count on the row it made
            }
            throw e;
        }
    }

    private static int casUpdate(Connection c, String sql, Object... params) throws SQLException {
        try {
            return Jdbc.update(c, sql, params);
        } catch (SQLException e) {
            if (StoreException.isConcurrentUpdate(e)) {
                return 0; // the row changed under us: read it again
            }
            throw e;
        }
    }
}
