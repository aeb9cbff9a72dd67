package io.nfidentity.impl.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code nf_passkeys} and {@code nf_webauthn_challenges} (V19). A challenge is spent by deleting its row, and a
 * signature counter moves only forward through a conditional update: of two concurrent uses exactly one wins.
 */
public final class PasskeyStore {
    private final Jdbc jdbc;

    public PasskeyStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /**
     * A stored passkey.
     *
     * @param credentialId the WebAuthn credential id, base64url
     * @param credentialData the attested credential data (AAGUID, credential id, COSE public key), base64url
     */
    public record PasskeyRow(
            UUID id,
            UUID userId,
            String credentialId,
            String credentialData,
            long signCount,
            boolean uvInitialized,
            boolean backupEligible,
            boolean backupState,
            String transports,
            String friendlyName,
            Instant createdAt,
            Instant lastUsedAt) {}

    /** A challenge as stored: what for, and for a registration the session and user it is bound to. */
    public record ChallengeRow(String purpose, UUID sessionId, UUID userId, Instant expiresAt) {}

    private static final String COLUMNS = "id, user_id, credential_id, credential_data, sign_count, uv_initialized,"
            + " backup_eligible, backup_state, transports, friendly_name, created_at, last_used_at";

    public void insert(PasskeyRow p) {
        jdbc.write(
                "INSERT INTO nf_passkeys (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                p.id(),
                p.userId(),
                p.credentialId(),
                p.credentialData(),
                p.signCount(),
                p.uvInitialized(),
                p.backupEligible(),
                p.backupState(),
                p.transports(),
                p.friendlyName(),
                p.createdAt(),
                p.lastUsedAt());
    }

    /** The user's passkeys, oldest first. */
    public List<PasskeyRow> ofUser(UUID userId) {
        return jdbc.list(
                "SELECT " + COLUMNS + " FROM nf_passkeys WHERE user_id = ? ORDER BY created_at, id",
                PasskeyStore::row,
                userId);
    }

    public Optional<PasskeyRow> byCredentialId(String credentialId) {
        return jdbc.one(
                "SELECT " + COLUMNS + " FROM nf_passkeys WHERE credential_id = ?", PasskeyStore::row, credentialId);
    }

    /** The passkey, only if it is the user's: another user's passkey id reads as unknown. */
    public Optional<PasskeyRow> find(UUID userId, UUID id) {
        return jdbc.one(
                "SELECT " + COLUMNS + " FROM nf_passkeys WHERE id = ? AND user_id = ?", PasskeyStore::row, id, userId);
    }

    public boolean rename(UUID userId, UUID id, String name) {
        return jdbc.write("UPDATE nf_passkeys SET friendly_name = ? WHERE id = ? AND user_id = ?", name, id, userId)
                == 1;
    }

    public boolean delete(UUID userId, UUID id) {
        return jdbc.write("DELETE FROM nf_passkeys WHERE id = ? AND user_id = ?", id, userId) == 1;
    }

    /**
     * Records a use: the new counter only if it moved forward from what this use read (an authenticator without a
     * counter reports 0 each time, and stays at 0), and the backup state the authenticator reported now.
     *
     * @return whether this use won; {@code false} when another use moved the counter meanwhile
     */
    public boolean used(UUID id, long readCount, long newCount, boolean backupState, Instant now) {
        return jdbc.write(
                        "UPDATE nf_passkeys SET sign_count = ?, backup_state = ?, last_used_at = ?"
                                + " WHERE id = ? AND sign_count = ?",
                        newCount,
                        backupState,
                        now,
                        id,
                        readCount)
                == 1;
    }

    public void insertChallenge(String hash, ChallengeRow c, Instant now) {
        jdbc.write(
                "INSERT INTO nf_webauthn_challenges (challenge_hash, purpose, session_id, user_id, created_at,"
                        + " expires_at) VALUES (?,?,?,?,?,?)",
                hash,
                c.purpose(),
                c.sessionId(),
                c.userId(),
                now,
                c.expiresAt());
    }

    /** A registration challenge replaces the session's earlier ones: a loop of requests cannot grow the table. */
    public void dropChallengesOf(UUID sessionId, String purpose) {
        jdbc.write("DELETE FROM nf_webauthn_challenges WHERE session_id = ? AND purpose = ?", sessionId, purpose);
    }

    /**
     * Spends the challenge with this hash: its row for the one caller whose delete removed it, empty for every other
     * (unknown, or spent meanwhile). Expiry and binding are the caller's to check on the row.
     */
    public Optional<ChallengeRow> take(String hash) {
        Optional<ChallengeRow> found = jdbc.one(
                "SELECT purpose, session_id, user_id, expires_at FROM nf_webauthn_challenges WHERE challenge_hash = ?",
                rs -> new ChallengeRow(
                        rs.getString("purpose"),
                        rs.getObject("session_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        Jdbc.instant(rs, "expires_at")),
                hash);
        if (found.isEmpty() || jdbc.write("DELETE FROM nf_webauthn_challenges WHERE challenge_hash = ?", hash) != 1) {
            return Optional.empty();
        }
        return found;
    }

    /** Deletes challenges that expired before the instant; returns how many. */
    public int purgeExpired(Instant before) {
        return jdbc.write("DELETE FROM nf_webauthn_challenges WHERE expires_at < ?", before);
    }

    private static PasskeyRow row(ResultSet rs) throws SQLException {
        return new PasskeyRow(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("credential_id"),
                rs.getString("credential_data"),
                rs.getLong("sign_count"),
                rs.getBoolean("uv_initialized"),
                rs.getBoolean("backup_eligible"),
                rs.getBoolean("backup_state"),
                rs.getString("transports"),
                rs.getString("friendly_name"),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "last_used_at"));
    }
}
