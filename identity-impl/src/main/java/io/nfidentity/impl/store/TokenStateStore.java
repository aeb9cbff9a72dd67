package io.nfidentity.impl.store;

import io.nfidentity.impl.json.Json;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The columns of {@code nf_users} that decide whether a user's access tokens still count (not-before times, the
 * suspension, the sessions ended lately), read and written by {@code SessionGuard} alone. Each call joins the caller's
 * JTA transaction, if any.
 */
public final class TokenStateStore {
    private final Jdbc jdbc;

    public TokenStateStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /**
     * What decides whether a user's access tokens still count.
     *
     * @param notBefore tokens issued before it are refused; {@code null} when never set
     * @param bannedUntil every token is refused until then; {@code null} when not suspended
     * @param endedSessions sessions ended recently enough that access tokens of theirs may still be unexpired
     * @param rolesNotBefore tokens issued before it count only with the user's current roles (the second after the
     *     last role change); {@code null} when the roles never changed
     * @param appMetadata the stored {@code app_metadata}, read only when {@code rolesNotBefore} is set, else empty
     * @param aal2NotBefore tokens at level 2 issued at or before it are refused (a verified factor was removed);
     *     {@code null} when never set
     */
    public record TokenState(
            Instant notBefore,
            Instant bannedUntil,
            Set<UUID> endedSessions,
            Instant rolesNotBefore,
            Map<String, Object> appMetadata,
            Instant aal2NotBefore) {
        public TokenState(Instant notBefore, Instant bannedUntil, Set<UUID> endedSessions) {
            this(notBefore, bannedUntil, endedSessions, null, Map.of(), null);
        }
    }

    /**
     * The user's {@link TokenState}, in one round trip; empty for a user that does not exist.
     *
     * @param endedSince sessions ended at or after it are listed in {@link TokenState#endedSessions()}
     */
    public Optional<TokenState> tokenState(UUID id, Instant endedSince) {
        List<Object[]> rows = jdbc.list(
                "SELECT u.not_before, u.banned_until, u.roles_not_before, u.aal2_not_before,"
                        + " CASE WHEN u.roles_not_before IS NULL THEN"
                        + " NULL ELSE u.app_metadata END AS app_metadata, s.id AS session_id FROM nf_users u"
                        + " LEFT JOIN nf_sessions s ON s.user_id = u.id AND s.ended_at >= ? WHERE u.id = ?",
                rs -> new Object[] {
                    Jdbc.instant(rs, "not_before"),
                    Jdbc.instant(rs, "banned_until"),
                    rs.getObject("session_id", UUID.class),
                    Jdbc.instant(rs, "roles_not_before"),
                    rs.getString("app_metadata"),
                    Jdbc.instant(rs, "aal2_not_before")
                },
                endedSince,
                id);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Set<UUID> ended = new HashSet<>();
        for (Object[] r : rows) {
            if (r[2] != null) {
                ended.add((UUID) r[2]);
            }
        }
        Object[] first = rows.get(0);
        return Optional.of(new TokenState(
                (Instant) first[0],
                (Instant) first[1],
                Set.copyOf(ended),
                (Instant) first[3],
                first[4] == null ? Map.of() : Json.readMap((String) first[4]),
                (Instant) first[5]));
    }

    /**
     * A role change: tokens issued before {@code notBefore} are refused, and those issued before
     * {@code rolesNotBefore} count only with the roles the user now has.
     */
    public void setRoleChange(UUID id, Instant notBefore, Instant rolesNotBefore) {
        jdbc.write(
                "UPDATE nf_users SET not_before = ?, roles_not_before = ? WHERE id = ?", notBefore, rolesNotBefore, id);
    }

    /** Level-2 tokens issued at or before {@code at} are refused ({@link TokenState#aal2NotBefore()}). */
    public void setAal2NotBefore(UUID id, Instant at) {
        jdbc.write("UPDATE nf_users SET aal2_not_before = ? WHERE id = ?", at, id);
    }

    public void setNotBefore(UUID id, Instant at) {
        jdbc.write("UPDATE nf_users SET not_before = ? WHERE id = ?", at, id);
    }
}
