package io.nfidentity.impl.store;

import io.nfidentity.EmailExistsException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads and writes {@code nf_users}. Each call joins the caller's JTA transaction, if any. */
public final class UserStore {
    private static final String COLUMNS = "id, aud, role, email, encrypted_password, confirmed_at, invited_at,"
            + " confirmation_sent_at, recovery_sent_at, new_email, email_change_sent_at, last_sign_in_at,"
            + " app_metadata, user_metadata, created_at, updated_at";

    private final Jdbc jdbc;

    public UserStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** The unique key of an address: trimmed and lower-cased, so lookups ignore case on every database. */
    public static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<UserRow> findById(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM nf_users WHERE id = ?", UserStore::map, id);
    }

    public Optional<UserRow> findByEmail(String email) {
        return jdbc.one("SELECT " + COLUMNS + " FROM nf_users WHERE email_key = ?", UserStore::map, emailKey(email));
    }

    /** @throws EmailExistsException when the address is taken, also when a concurrent insert won the race */
    public void insert(UserRow u) {
        try {
            jdbc.update(
                    "INSERT INTO nf_users (" + COLUMNS + ", email_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    u.id(),
                    u.aud(),
                    u.role(),
                    u.email(),
                    u.encryptedPassword(),
                    u.confirmedAt(),
                    u.invitedAt(),
                    u.confirmationSentAt(),
                    u.recoverySentAt(),
                    u.newEmail(),
                    u.emailChangeSentAt(),
                    u.lastSignInAt(),
                    Json.write(u.appMetadata()),
                    Json.write(u.userMetadata()),
                    u.createdAt(),
                    u.updatedAt(),
                    emailKey(u.email()));
        } catch (SQLException e) {
            if (StoreException.isUniqueViolation(e)) {
                throw new EmailExistsException();
            }
            throw StoreException.of(e);
        }
    }

    /** Writes every mutable column of the user; the id and creation time never change. */
    public void update(UserRow u) {
        try {
            jdbc.update(
                    "UPDATE nf_users SET aud = ?, role = ?, email = ?, email_key = ?, encrypted_password = ?,"
                            + " confirmed_at = ?, invited_at = ?, confirmation_sent_at = ?, recovery_sent_at = ?,"
                            + " new_email = ?, email_change_sent_at = ?, last_sign_in_at = ?, app_metadata = ?,"
                            + " user_metadata = ?, updated_at = ? WHERE id = ?",
                    u.aud(),
                    u.role(),
                    u.email(),
                    emailKey(u.email()),
                    u.encryptedPassword(),
                    u.confirmedAt(),
                    u.invitedAt(),
                    u.confirmationSentAt(),
                    u.recoverySentAt(),
                    u.newEmail(),
                    u.emailChangeSentAt(),
                    u.lastSignInAt(),
                    Json.write(u.appMetadata()),
                    Json.write(u.userMetadata()),
                    u.updatedAt(),
                    u.id());
        } catch (SQLException e) {
            if (StoreException.isUniqueViolation(e)) {
                throw new EmailExistsException();
            }
            throw StoreException.of(e);
        }
    }

    /** Newest first; ties on the creation time are broken by id so pages never overlap. */
    public List<UserRow> page(int offset, int limit) {
        return jdbc.list(
                "SELECT " + COLUMNS + " FROM nf_users ORDER BY created_at DESC, id DESC"
                        + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                UserStore::map,
                offset,
                limit);
    }

    public long count() {
        return jdbc.one("SELECT COUNT(*) FROM nf_users", rs -> rs.getLong(1)).orElse(0L);
    }

    private static UserRow map(ResultSet rs) throws SQLException {
        return new UserRow(
                rs.getObject("id", UUID.class),
                rs.getString("aud"),
                rs.getString("role"),
                rs.getString("email"),
                rs.getString("encrypted_password"),
                Jdbc.instant(rs, "confirmed_at"),
                Jdbc.instant(rs, "invited_at"),
                Jdbc.instant(rs, "confirmation_sent_at"),
                Jdbc.instant(rs, "recovery_sent_at"),
                rs.getString("new_email"),
                Jdbc.instant(rs, "email_change_sent_at"),
                Jdbc.instant(rs, "last_sign_in_at"),
                Json.readMap(rs.getString("app_metadata")),
                Json.readMap(rs.getString("user_metadata")),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"));
    }
}
