package io.nfidentity.impl.store;

import io.nfidentity.Factor;
import io.nfidentity.impl.error.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code nf_factors}, {@code nf_factor_challenges} and {@code nf_recovery_codes} (V18). Every "use once" rule is a
 * conditional update whose count decides it (a TOTP step later than the last accepted one, a challenge or recovery code
 * not yet spent), so of two concurrent uses exactly one wins.
 */
public final class FactorStore {
    private final Jdbc jdbc;

    public FactorStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** A stored factor; {@link #toString()} leaves the secret out. */
    public record FactorRow(
            UUID id,
            UUID userId,
            String type,
            String friendlyName,
            String secret,
            boolean verified,
            Long lastStep,
            Instant createdAt,
            Instant updatedAt) {
        public Factor toFactor() {
            return new Factor(id, type, friendlyName, verified, createdAt, updatedAt);
        }

        @Override
        public String toString() {
            return "FactorRow[" + id + ", " + type + (verified ? ", verified]" : "]");
        }
    }

    /** A challenge: for a factor, from a session, until {@code expiresAt}, spent at {@code verifiedAt}. */
    public record ChallengeRow(UUID id, UUID factorId, UUID sessionId, Instant expiresAt, Instant verifiedAt) {}

    private static final String COLUMNS =
            "id, user_id, factor_type, friendly_name, secret, verified, last_step, created_at, updated_at";

    public void insert(FactorRow f) {
        jdbc.write(
                "INSERT INTO nf_factors (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)",
                f.id(),
                f.userId(),
                f.type(),
                f.friendlyName(),
                f.secret(),
                f.verified(),
                f.lastStep(),
                f.createdAt(),
                f.updatedAt());
    }

    /** The user's factors, oldest first. */
    public List<FactorRow> ofUser(UUID userId) {
        return jdbc.list(
                "SELECT " + COLUMNS + " FROM nf_factors WHERE user_id = ? ORDER BY created_at, id",
                FactorStore::row,
                userId);
    }

    /** The verified factors of these users (an export's page), by user, oldest first. */
    public java.util.Map<UUID, List<FactorRow>> verifiedOf(List<UUID> userIds) {
        java.util.Map<UUID, List<FactorRow>> out = new java.util.HashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(userIds.size(), "?"));
        for (FactorRow f : jdbc.list(
                "SELECT " + COLUMNS + " FROM nf_factors WHERE verified AND user_id IN (" + marks + ")"
                        + " ORDER BY created_at, id",
                FactorStore::row,
                userIds.toArray())) {
            out.computeIfAbsent(f.userId(), k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    /** The factor, only if it is the user's: another user's factor id reads as unknown. */
    public Optional<FactorRow> find(UUID userId, UUID factorId) {
        return jdbc.one(
                "SELECT " + COLUMNS + " FROM nf_factors WHERE id = ? AND user_id = ?",
                FactorStore::row,
                factorId,
                userId);
    }

    /**
     * Records that the code of {@code step} was accepted, and that the factor is verified, only if no code of this or a
     * later step was accepted before: a replayed code changes nothing.
     *
     * @return whether this use won
     */
    public boolean acceptStep(UUID factorId, long step, Instant now) {
        return conditional(
                "UPDATE nf_factors SET last_step = ?, verified = TRUE, updated_at = ?"
                        + " WHERE id = ? AND (last_step IS NULL OR last_step < ?)",
                step,
                now,
                factorId,
                step);
    }

    public boolean delete(UUID userId, UUID factorId) {
        return jdbc.write("DELETE FROM nf_factors WHERE id = ? AND user_id = ?", factorId, userId) == 1;
    }

    /**
     * A new challenge, which replaces the session's earlier unanswered ones for the factor: a session has one live
     * challenge per factor, so calling for challenges in a loop cannot grow the table.
     */
    public void insertChallenge(ChallengeRow c, Instant now) {
        jdbc.write(
                "DELETE FROM nf_factor_challenges WHERE factor_id = ? AND session_id = ? AND verified_at IS NULL",
                c.factorId(),
                c.sessionId());
        jdbc.write(
                "INSERT INTO nf_factor_challenges (id, factor_id, session_id, created_at, expires_at) VALUES (?,?,?,?,?)",
                c.id(),
                c.factorId(),
                c.sessionId(),
                now,
                c.expiresAt());
    }

    public Optional<ChallengeRow> challenge(UUID challengeId) {
        return jdbc.one(
                "SELECT id, factor_id, session_id, expires_at, verified_at FROM nf_factor_challenges WHERE id = ?",
                rs -> new ChallengeRow(
                        rs.getObject("id", UUID.class),
                        rs.getObject("factor_id", UUID.class),
                        rs.getObject("session_id", UUID.class),
                        Jdbc.instant(rs, "expires_at"),
                        Jdbc.instant(rs, "verified_at")),
                challengeId);
    }

    /** @return whether this use spent the challenge (it was unspent) */
    public boolean spendChallenge(UUID challengeId, Instant now) {
        return conditional(
                "UPDATE nf_factor_challenges SET verified_at = ? WHERE id = ? AND verified_at IS NULL",
                now,
                challengeId);
    }

    /** The user's recovery codes are these (hashes) from now on; the old ones are void. */
    public void replaceRecoveryCodes(UUID userId, List<String> hashes, Instant now) {
        jdbc.write("DELETE FROM nf_recovery_codes WHERE user_id = ?", userId);
        List<Object[]> rows = new ArrayList<>(hashes.size());
        for (String h : hashes) {
            rows.add(new Object[] {userId, h, now});
        }
        try {
            jdbc.batch("INSERT INTO nf_recovery_codes (user_id, code_hash, created_at) VALUES (?,?,?)", rows);
        } catch (SQLException e) {
            throw StoreException.of(e);
        }
    }

    public void deleteRecoveryCodes(UUID userId) {
        jdbc.write("DELETE FROM nf_recovery_codes WHERE user_id = ?", userId);
    }

    /** @return whether the code (by its hash) was the user's and unused, and is now used */
    public boolean useRecoveryCode(UUID userId, String hash, Instant now) {
        return conditional(
                "UPDATE nf_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
                now,
                userId,
                hash);
    }

    /** How many unused recovery codes the user has. */
    public int recoveryCodesLeft(UUID userId) {
        return jdbc.one(
                        "SELECT COUNT(*) FROM nf_recovery_codes WHERE user_id = ? AND used_at IS NULL",
                        rs -> rs.getInt(1),
                        userId)
                .orElse(0);
    }

    /** A conditional update: a concurrent writer of the same row that won makes this one change nothing. */
    private boolean conditional(String sql, Object... params) {
        try {
            return jdbc.update(sql, params) == 1;
        } catch (SQLException e) {
            if (StoreException.isConcurrentUpdate(e)) {
                return false;
            }
            throw StoreException.of(e);
        }
    }

    private static FactorRow row(ResultSet rs) throws SQLException {
        long step = rs.getLong("last_step");
        Long lastStep = rs.wasNull() ? null : step;
        return new FactorRow(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("factor_type"),
                rs.getString("friendly_name"),
                rs.getString("secret"),
                rs.getBoolean("verified"),
                lastStep,
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"));
    }
}
