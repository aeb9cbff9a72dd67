package io.nfidentity.impl.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads and writes {@code nf_one_time_tokens}: the mailed tokens, by hash only. */
public final class OneTimeTokenStore {
    private final Jdbc jdbc;

    public OneTimeTokenStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** A mailed token as stored (by hash): whose, of which kind, until when. */
    public record Mailed(UUID userId, String kind, String newEmail, Instant expiresAt) {}

    /** Stores a token, replacing any earlier one of the same kind for the user: only the latest link works. */
    public void replace(String hash, UUID userId, String kind, String newEmail, Instant now, Instant expiresAt) {
        jdbc.write("DELETE FROM nf_one_time_tokens WHERE user_id = ? AND kind = ?", userId, kind);
        jdbc.write(
                "INSERT INTO nf_one_time_tokens (token_hash, user_id, kind, new_email, created_at, expires_at)"
                        + " VALUES (?,?,?,?,?,?)",
                hash,
                userId,
                kind,
                newEmail,
                now,
                expiresAt);
    }

    /** Voids every link of a kind the user was mailed. */
    public void voidAll(UUID userId, String kind) {
        jdbc.write("DELETE FROM nf_one_time_tokens WHERE user_id = ? AND kind = ?", userId, kind);
    }

    /** Deletes tokens that expired before the instant; returns how many. */
    public int purgeExpired(Instant before) {
        return jdbc.write("DELETE FROM nf_one_time_tokens WHERE expires_at < ?", before);
    }

    /** Reads a token without using it up, so input can be checked before the token is spent. */
    public Optional<Mailed> find(String hash) {
        return jdbc.one(
                "SELECT user_id, kind, new_email, expires_at FROM nf_one_time_tokens WHERE token_hash = ?",
                rs -> new Mailed(
                        rs.getObject("user_id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("new_email"),
                        Jdbc.instant(rs, "expires_at")),
                hash);
    }

    /**
     * Uses a token up. The delete is the single-use guarantee: of two concurrent uses only the one whose delete
     * removed the row gets {@code true}.
     */
    public boolean spend(String hash) {
        return jdbc.write("DELETE FROM nf_one_time_tokens WHERE token_hash = ?", hash) == 1;
    }
}
