package io.nfidentity.impl.store;

import io.nfidentity.AuditEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads and writes {@code nf_refresh_tokens}: hashes only, never a token. */
public final class RefreshTokenStore {
    private final Jdbc jdbc;

    public RefreshTokenStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** A stored token. */
    public record TokenRow(
            long id,
            UUID userId,
            UUID familyId,
            Instant expiresAt,
            Instant revokedAt,
            String revokedReason,
            String successor,
            Instant authenticatedAt) {
        public boolean rotated() {
            return REASON_ROTATED.equals(revokedReason);
        }
    }

    public static final String REASON_ROTATED = "rotated";
    public static final String REASON_LOGOUT = "logout";
    public static final String REASON_USER = "user";
    public static final String REASON_REUSE = "reuse";

    /**
     * A token to store.
     *
     * @param hash its {@code OpaqueTokens.hash}, never the token
     * @param authenticatedAt when the session was authenticated (kept through rotations), or {@code null}
     */
    public record NewToken(
            String hash, UUID userId, UUID familyId, Instant createdAt, Instant expiresAt, Instant authenticatedAt) {
        private Object[] values() {
            return new Object[] {hash, userId, familyId, createdAt, expiresAt, authenticatedAt};
        }
    }

    private static final String INSERT =
            "INSERT INTO nf_refresh_tokens (token_hash, user_id, family_id, created_at, expires_at, authenticated_at)";

    private void insert(NewToken token) {
        jdbc.write(INSERT + " VALUES (?,?,?,?,?,?)", token.values());
    }

    public static final String REASON_STEPPED_UP = "stepped_up";

    /**
     * The session verified a second factor: its live tokens are revoked (a copy of one, kept by someone else, does not
     * become a level-2 token by the step-up) and the token made for the session's authentication time becomes the
     * family's live one.
     *
     * @return when the session was authenticated, from the token it replaced; empty when it had no live token
     */
    public Optional<Instant> replaceLive(
            UUID familyId, Instant now, java.util.function.Function<Instant, NewToken> token) {
        Optional<Instant> authenticated = jdbc.one(
                "SELECT authenticated_at FROM nf_refresh_tokens WHERE family_id = ? AND revoked_at IS NULL"
                        + " ORDER BY id DESC",
                rs -> Jdbc.instant(rs, "authenticated_at"),
                familyId);
        if (authenticated.isEmpty()) {
            return Optional.empty();
        }
        jdbc.write(
                "UPDATE nf_refresh_tokens SET revoked_at = ?, revoked_reason = ? WHERE family_id = ?"
                        + " AND revoked_at IS NULL",
                now,
                REASON_STEPPED_UP,
                familyId);
        insert(token.apply(authenticated.get()));
        return authenticated;
    }

    public Optional<TokenRow> find(String hash) {
        return find(hash, "");
    }

    /**
     * {@link #find}, locking the row until the transaction ends: a locking read sees the latest committed version on
     * every database. A plain read after a lost race does not on H2, whose statement may still see the version from
     * before the winner's commit (seen once in 150 storms of 50 refreshes), so the loser took the rotated token for a
     * live one and refused a refresh the reuse interval must serve.
     */
    public Optional<TokenRow> findLocked(String hash) {
        return find(hash, " FOR UPDATE");
    }

    private static final String TOKEN_COLUMNS =
            "t.id, t.user_id, t.family_id, t.expires_at, t.revoked_at, t.revoked_reason, t.successor, t.authenticated_at";

    private Optional<TokenRow> find(String hash, String lock) {
        return jdbc.one(
                "SELECT " + TOKEN_COLUMNS + " FROM nf_refresh_tokens t WHERE t.token_hash = ?" + lock,
                RefreshTokenStore::tokenRow,
                hash);
    }

    private static TokenRow tokenRow(ResultSet rs) throws SQLException {
        return new TokenRow(
                rs.getLong("id"),
                rs.getObject("user_id", UUID.class),
                rs.getObject("family_id", UUID.class),
                Jdbc.instant(rs, "expires_at"),
                Jdbc.instant(rs, "revoked_at"),
                rs.getString("revoked_reason"),
                rs.getString("successor"),
                Jdbc.instant(rs, "authenticated_at"));
    }

    /**
     * A presented token, and its session, locked ({@link #lockSession}), with how the session was authenticated.
     *
     * @param method the session's first factor ({@code password}, a provider, ...), {@code null} without a session
     * @param factorMethod the second factor verified in the session ({@code totp}, {@code recovery}), or {@code null}
     * @param factorAt when it was, or {@code null}
     */
    public record Presented(TokenRow token, SessionLock session, String method, String factorMethod, Instant factorAt) {
        private Presented(TokenRow token, Locked locked) {
            this(token, locked.lock(), locked.method(), locked.factorMethod(), locked.factorAt());
        }
    }

    private record Locked(SessionLock lock, String method, String factorMethod, Instant factorAt) {
        static final Locked NONE = new Locked(SessionLock.NONE, null, null, null);

        static Locked of(java.sql.ResultSet rs) throws java.sql.SQLException {
            return new Locked(
                    rs.getObject("ended_at") == null ? SessionLock.LIVE : SessionLock.ENDED,
                    rs.getString("method"),
                    rs.getString("factor_method"),
                    Jdbc.instant(rs, "factor_at"));
        }
    }

    /**
     * {@link #find}, then {@link #lockSession} of its family: what a rotation does first. On PostgreSQL one statement
     * does both ({@code FOR UPDATE OF} the session row only; the token row is read as a plain read would, and the
     * rotation's conditional update decides a race for it as before). Elsewhere two: H2 locks every table of a join,
     * and a rotation holding the token's row while it waits for the session's would invite a deadlock with every end
     * of a session, which takes the session's row first.
     */
    public Optional<Presented> findForRotation(String hash) {
        if (jdbc.isPostgres()) {
            Optional<Presented> joined = jdbc.one(
                    "SELECT " + TOKEN_COLUMNS + ", " + SESSION_COLUMNS + " FROM nf_refresh_tokens t"
                            + " JOIN nf_sessions s ON s.id = t.family_id WHERE t.token_hash = ? FOR UPDATE OF s",
                    rs -> new Presented(tokenRow(rs), Locked.of(rs)),
                    hash);
            if (joined.isPresent()) {
                return joined;
            }
            // unknown, or of a family older than the session table: no session row to lock
            return find(hash).map(t -> new Presented(t, Locked.NONE));
        }
        return find(hash).map(t -> new Presented(t, lockSession(t.familyId())));
    }

    /**
     * A rotation's writes, all or none: the presented token revoked if, and only if, it is still live (of two
     * concurrent rotations exactly one gets {@code true}), with its sealed successor kept; the successor stored; and
     * the rotation's audit entry. On PostgreSQL one statement, one round trip (a refresh is a few round trips, and
     * each one counts); elsewhere three.
     *
     * @return {@code false} when the token was no longer live: nothing was written
     */
    public boolean rotate(long id, Instant now, String sealedSuccessor, NewToken successor, AuditEntry entry) {
        Object[] revoke = {now, REASON_ROTATED, sealedSuccessor, id};
        if (jdbc.isPostgres()) {
            Object[] params = new Object[revoke.length + 6 + 9];
            System.arraycopy(revoke, 0, params, 0, revoke.length);
            System.arraycopy(successor.values(), 0, params, revoke.length, 6);
            System.arraycopy(AuditStore.values(entry), 0, params, revoke.length + 6, 9);
            return jdbc.write(
                            "WITH r AS (" + REVOKE_IF_LIVE + " RETURNING id),"
                                    + " n AS (" + INSERT + " SELECT CAST(? AS CHAR(64)), CAST(? AS UUID),"
                                    + " CAST(? AS UUID), CAST(? AS TIMESTAMP WITH TIME ZONE),"
                                    + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE)"
                                    + " FROM r RETURNING id) "
                                    + AuditStore.INSERT + " SELECT " + AuditStore.TYPED_VALUES + " FROM n",
                            params)
                    == 1;
        }
        if (jdbc.write(REVOKE_IF_LIVE, revoke) != 1) {
            return false;
        }
        insert(successor);
        jdbc.write(AuditStore.INSERT + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", AuditStore.values(entry));
        return true;
    }

    private static final String REVOKE_IF_LIVE = "UPDATE nf_refresh_tokens SET revoked_at = ?, revoked_reason = ?,"
            + " successor = ? WHERE id = ? AND revoked_at IS NULL";

    /** Whether a session row is live, ended, or absent (a family older than the session table). */
    public enum SessionLock {
        LIVE,
        ENDED,
        NONE
    }

    /**
     * Locks the session's row until the transaction ends, and says whether it has ended. A rotation takes this lock
     * before it revokes its token and inserts the successor; every end of a session ({@link #revokeFamily},
     * {@link #revokeAllOfUser}) updates the same row first. So the two are serialised: either the rotation waits and
     * then sees the end, or the end waits and then (in a statement of its own, with a fresh snapshot) revokes the
     * successor too. Without it a successor inserted by an uncommitted rotation was missed by the end's
     * {@code UPDATE ... WHERE revoked_at IS NULL} and lived on.
     */
    private Locked lockSession(UUID familyId) {
        return jdbc.one(
                        "SELECT " + SESSION_COLUMNS + " FROM nf_sessions s WHERE s.id = ? FOR UPDATE",
                        Locked::of,
                        familyId)
                .orElse(Locked.NONE);
    }

    private static final String SESSION_COLUMNS = "s.ended_at, s.method, s.factor_method, s.factor_at";

    /**
     * Locks every live session row of the user until the transaction ends: a change that every later token must
     * reflect (new roles) waits for the rotations in flight, and the rotations after it wait for it.
     */
    public void lockLiveSessions(UUID userId) {
        jdbc.list("SELECT id FROM nf_sessions WHERE user_id = ? AND ended_at IS NULL FOR UPDATE", rs -> 1, userId);
    }

    /**
     * Deletes what can no longer matter: tokens past their expiry, and every token of a family that has no live token
     * left and was ended before {@code endedBefore} (a rotated token is kept while its family lives, so that its reuse
     * is still recognised as theft).
     */
    public int purge(Instant now, Instant endedBefore) {
        int expired = jdbc.write("DELETE FROM nf_refresh_tokens WHERE expires_at < ?", now);
        int ended = jdbc.write(
                "DELETE FROM nf_refresh_tokens WHERE revoked_at < ? AND family_id NOT IN"
                        + " (SELECT family_id FROM nf_refresh_tokens WHERE revoked_at IS NULL)",
                endedBefore);
        // a session with no token left is over, and its end older than any access token of it
        jdbc.write(
                "DELETE FROM nf_sessions WHERE created_at < ? AND id NOT IN (SELECT family_id FROM nf_refresh_tokens)",
                endedBefore);
        return expired + ended;
    }

    /** Ends one session: every token of the login's family, and the session itself. */
    public int revokeFamily(UUID familyId, Instant now, String reason) {
        jdbc.write("UPDATE nf_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL", now, familyId);
        return jdbc.write(
                "UPDATE nf_refresh_tokens SET revoked_at = ?, revoked_reason = ? WHERE family_id = ?"
                        + " AND revoked_at IS NULL",
                now,
                reason,
                familyId);
    }

    /** Ends every session of the user. */
    public int revokeAllOfUser(UUID userId, Instant now, String reason) {
        jdbc.write("UPDATE nf_sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL", now, userId);
        return jdbc.write(
                "UPDATE nf_refresh_tokens SET revoked_at = ?, revoked_reason = ? WHERE user_id = ?"
                        + " AND revoked_at IS NULL",
                now,
                reason,
                userId);
    }

    /**
     * A new session (a login's family): its row, how it started and from where, with its first token, and the audit
     * entry of the sign-in when there is one. On PostgreSQL one statement; elsewhere one per row.
     *
     * @param first the session's first token, whose family is {@code id}
     * @param entry the sign-in's audit entry, or {@code null} when the caller records none
     */
    public void openSession(
            UUID id,
            Instant createdAt,
            String method,
            String ipAddress,
            String userAgent,
            NewToken first,
            AuditEntry entry) {
        Object[] session = {id, first.userId(), createdAt, method, ipAddress, userAgent};
        if (jdbc.isPostgres()) {
            List<Object> params = new ArrayList<>(Arrays.asList(session));
            params.addAll(Arrays.asList(first.values()));
            StringBuilder sql = new StringBuilder("WITH s AS (" + INSERT_SESSION + " VALUES (?,?,?,?,?,?))");
            if (entry != null) {
                sql.append(", t AS (" + INSERT + " VALUES (?,?,?,?,?,?)) ");
                sql.append(AuditStore.INSERT + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                params.addAll(Arrays.asList(AuditStore.values(entry)));
            } else {
                sql.append(" " + INSERT + " VALUES (?,?,?,?,?,?)");
            }
            jdbc.write(sql.toString(), params.toArray());
            return;
        }
        jdbc.write(INSERT_SESSION + " VALUES (?,?,?,?,?,?)", session);
        insert(first);
        if (entry != null) {
            jdbc.write(AuditStore.INSERT + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", AuditStore.values(entry));
        }
    }

    private static final String INSERT_SESSION =
            "INSERT INTO nf_sessions (id, user_id, created_at, method, ip_address, user_agent)";

    public int countLive(UUID userId, Instant now) {
        return jdbc.one(
                        "SELECT COUNT(*) FROM nf_refresh_tokens WHERE user_id = ? AND revoked_at IS NULL"
                                + " AND expires_at > ?",
                        rs -> rs.getInt(1),
                        userId,
                        now)
                .orElse(0);
    }
}
