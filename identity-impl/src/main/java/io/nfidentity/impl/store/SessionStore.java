package io.nfidentity.impl.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code nf_sessions}' second-factor columns (V18): a session at level 2 says how and when it got there, and by which
 * factor. Every change takes the session rows' locks, which rotations take first, so a rotation either sees the change
 * or finished before it.
 */
public final class SessionStore {
    private final Jdbc jdbc;

    public SessionStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /**
     * A live session of the user, locked until the transaction ends.
     *
     * @param method how it started ({@code password}, a provider, ...)
     */
    public record LiveSession(UUID id, String method) {}

    public Optional<LiveSession> lockLive(UUID sessionId, UUID userId) {
        return jdbc.one(
                "SELECT id, method FROM nf_sessions WHERE id = ? AND user_id = ? AND ended_at IS NULL FOR UPDATE",
                rs -> new LiveSession(rs.getObject("id", UUID.class), rs.getString("method")),
                sessionId,
                userId);
    }

    /** The session is at level 2 from now on (its caller holds its lock). */
    public void stepUp(UUID sessionId, String factorMethod, Instant at, UUID factorId) {
        jdbc.write(
                "UPDATE nf_sessions SET factor_method = ?, factor_at = ?, factor_id = ? WHERE id = ?",
                factorMethod,
                at,
                factorId,
                sessionId);
    }

    /** Every session of the user back to level 1 (a verified factor was removed). */
    public int dropToLevelOne(UUID userId) {
        return jdbc.write(
                "UPDATE nf_sessions SET factor_method = NULL, factor_at = NULL, factor_id = NULL"
                        + " WHERE user_id = ? AND factor_at IS NOT NULL",
                userId);
    }
}
