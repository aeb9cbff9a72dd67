package io.nfidentity.impl.store;

import io.nfidentity.UserSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code nf_sessions} as the session list and the checks of a session read it (how and when it started, whether it
 * is live), and its second-factor columns (V18): a session at level 2 says how and when it got there, and by which
 * factor. Every change takes the session rows' locks, which rotations take first, so a rotation either sees the change
 * or finished before it. Sessions are opened and ended with their refresh tokens ({@link RefreshTokenStore}).
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

    /**
     * The user's live sessions, newest first: not ended, with a live refresh token, whose creation time is when the
     * session was last refreshed.
     */
    public List<UserSession> liveSessions(UUID userId, Instant now) {
        return jdbc.list(
                "SELECT s.id, s.created_at, s.method, s.ip_address, s.user_agent, t.created_at AS refreshed_at"
                        + " FROM nf_sessions s JOIN nf_refresh_tokens t ON t.family_id = s.id"
                        + " AND t.revoked_at IS NULL AND t.expires_at > ?"
                        + " WHERE s.user_id = ? AND s.ended_at IS NULL ORDER BY s.created_at DESC, s.id DESC",
                rs -> new UserSession(
                        rs.getObject("id", UUID.class),
                        Jdbc.instant(rs, "created_at"),
                        Jdbc.instant(rs, "refreshed_at"),
                        rs.getString("method"),
                        rs.getString("ip_address"),
                        rs.getString("user_agent")),
                now,
                userId);
    }

    /** Whether the session exists, is the user's, and has not ended. */
    public boolean isLiveSessionOf(UUID sessionId, UUID userId) {
        return jdbc.one(
                        "SELECT 1 FROM nf_sessions WHERE id = ? AND user_id = ? AND ended_at IS NULL",
                        rs -> true,
                        sessionId,
                        userId)
                .isPresent();
    }

    /** When the session started: when its user last proved who they are (a login, a mailed link, a provider). */
    public Optional<Instant> sessionStart(UUID sessionId) {
        return jdbc.one(
                "SELECT created_at FROM nf_sessions WHERE id = ?", rs -> Jdbc.instant(rs, "created_at"), sessionId);
    }

    /** How the session started ({@code password}, {@code signup}, {@code recovery}, a provider's name, ...). */
    public Optional<String> sessionMethod(UUID sessionId) {
        return jdbc.one("SELECT method FROM nf_sessions WHERE id = ?", rs -> rs.getString(1), sessionId);
    }
}
