package io.nfidentity.impl.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads and writes {@code nf_identities} (provider accounts linked to users) and {@code nf_oauth_states}
 * (authorizations in flight; only hashes of the state and the browser binding are stored).
 */
public final class ExternalStore {
    private final Jdbc jdbc;

    public ExternalStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** A provider account linked to a user. */
    public record IdentityRow(
            String provider, String subject, UUID userId, String email, Instant createdAt, Instant lastSignInAt) {}

    /**
     * An authorization in flight.
     *
     * @param linkUserId the logged-in user it links the provider account to, or {@code null} for a sign-in
     */
    public record StateRow(
            String stateHash,
            String browserHash,
            String provider,
            String codeVerifier,
            String nonce,
            String redirectTo,
            String inviteHash,
            Instant expiresAt,
            UUID linkUserId) {
        @Override
        public String toString() {
            return "StateRow[" + provider + "]";
        }
    }

    public Optional<IdentityRow> identity(String provider, String subject) {
        return jdbc.one(
                "SELECT provider, subject, user_id, email, created_at, last_sign_in_at FROM nf_identities"
                        + " WHERE provider = ? AND subject = ?",
                ExternalStore::identityRow,
                provider,
                subject);
    }

    /** The user's provider accounts, oldest first, as the API shows them. */
    public List<io.nfidentity.UserIdentity> identitiesOf(UUID userId) {
        return jdbc.list(
                "SELECT provider, subject, email, created_at, last_sign_in_at FROM nf_identities"
                        + " WHERE user_id = ? ORDER BY created_at, provider",
                rs -> new io.nfidentity.UserIdentity(
                        rs.getString("provider"),
                        rs.getString("subject"),
                        rs.getString("email"),
                        Jdbc.instant(rs, "created_at"),
                        Jdbc.instant(rs, "last_sign_in_at")),
                userId);
    }

    public void link(IdentityRow row) {
        jdbc.write(
                "INSERT INTO nf_identities (provider, subject, user_id, email, created_at, last_sign_in_at)"
                        + " VALUES (?,?,?,?,?,?)",
                row.provider(),
                row.subject(),
                row.userId(),
                row.email(),
                row.createdAt(),
                row.lastSignInAt());
    }

    public void signedIn(String provider, String subject, String email, Instant now) {
        jdbc.write(
                "UPDATE nf_identities SET email = ?, last_sign_in_at = ? WHERE provider = ? AND subject = ?",
                email,
                now,
                provider,
                subject);
    }

    public void saveState(StateRow row) {
        jdbc.write(
                "INSERT INTO nf_oauth_states (state_hash, browser_hash, provider, code_verifier, nonce, redirect_to,"
                        + " invite_hash, expires_at, link_user_id) VALUES (?,?,?,?,?,?,?,?,?)",
                row.stateHash(),
                row.browserHash(),
                row.provider(),
                row.codeVerifier(),
                row.nonce(),
                row.redirectTo(),
                row.inviteHash(),
                row.expiresAt(),
                row.linkUserId());
    }

    /**
     * Takes a state out: of two callbacks with one state (a replay), exactly one gets it.
     *
     * @return the state, if it existed; expired or not (the caller checks)
     */
    public Optional<StateRow> takeState(String stateHash) {
        Optional<StateRow> row = jdbc.one(
                "SELECT state_hash, browser_hash, provider, code_verifier, nonce, redirect_to, invite_hash, expires_at,"
                        + " link_user_id FROM nf_oauth_states WHERE state_hash = ?",
                rs -> new StateRow(
                        rs.getString("state_hash"),
                        rs.getString("browser_hash"),
                        rs.getString("provider"),
                        rs.getString("code_verifier"),
                        rs.getString("nonce"),
                        rs.getString("redirect_to"),
                        rs.getString("invite_hash"),
                        Jdbc.instant(rs, "expires_at"),
                        rs.getObject("link_user_id", UUID.class)),
                stateHash);
        if (row.isEmpty() || jdbc.write("DELETE FROM nf_oauth_states WHERE state_hash = ?", stateHash) != 1) {
            return Optional.empty();
        }
        return row;
    }

    /** Deletes authorizations nobody finished. */
    public int purgeStates(Instant now) {
        return jdbc.write("DELETE FROM nf_oauth_states WHERE expires_at < ?", now);
    }

    private static IdentityRow identityRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new IdentityRow(
                rs.getString("provider"),
                rs.getString("subject"),
                rs.getObject("user_id", UUID.class),
                rs.getString("email"),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "last_sign_in_at"));
    }
}
