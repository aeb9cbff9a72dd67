package io.nfidentity.impl.store;

import io.nfidentity.EmailExistsException;
import io.nfidentity.impl.error.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads and writes {@code nf_users}. Each call joins the caller's JTA transaction, if any. */
public final class UserStore {
    /** Every column of {@link UserField}, in its order. */
    private static final String COLUMNS = String.join(
            ", ",
            java.util.Arrays.stream(UserField.values()).map(UserField::column).toList());

    private final Jdbc jdbc;

    private final UserSearch search;

    public UserStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
        this.search = new UserSearch(jdbc);
    }

    /** The unique key of an address: trimmed and lower-cased, so lookups ignore case on every database. */
    public static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<UserRow> findById(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM nf_users WHERE id = ?", UserStore::map, id);
    }

    /**
     * {@link #findById}, and the row locked until the transaction ends: for a read-modify-write of the whole row
     * ({@link #update} writes every column), so two of them never interleave and one silently undo the other (a login
     * writing back the roles or the password it read before an administrator changed them).
     */
    public Optional<UserRow> findByIdForUpdate(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM nf_users WHERE id = ? FOR UPDATE", UserStore::map, id);
    }

    /** Whether the instance has any user at all. */
    public boolean anyUser() {
        return jdbc.one("SELECT 1 FROM nf_users FETCH FIRST 1 ROWS ONLY", rs -> true)
                .isPresent();
    }

    public Optional<UserRow> findByEmail(String email) {
        return jdbc.one("SELECT " + COLUMNS + " FROM nf_users WHERE email_key = ?", UserStore::map, emailKey(email));
    }

    /** The columns {@link #insertParams} fills, in its order: one list for the INSERT and the UPDATE. */
    private static final List<String> WRITTEN = List.of((COLUMNS + ", email_key, full_name_key").split(",\\s*"));

    private static final String INSERT = "INSERT INTO nf_users (" + String.join(", ", WRITTEN) + ") VALUES ("
            + String.join(",", java.util.Collections.nCopies(WRITTEN.size(), "?")) + ")";

    private static final String UPDATE = "UPDATE nf_users SET "
            + String.join(
                    ", ",
                    WRITTEN.stream()
                            .filter(c -> !c.equals("id") && !c.equals("created_at"))
                            .map(c -> c + " = ?")
                            .toList())
            + " WHERE id = ?";

    private static Object[] insertParams(UserRow u) {
        UserField[] fields = UserField.values();
        Object[] params = new Object[fields.length + 2];
        for (UserField f : fields) {
            params[f.ordinal()] = f.type().parameter(u.get(f));
        }
        params[fields.length] = emailKey(u.email());
        params[fields.length + 1] = fullNameKey(u);
        return params;
    }

    /** @throws EmailExistsException when the address is taken, also when a concurrent insert won the race */
    public void insert(UserRow u) {
        try {
            jdbc.update(INSERT, insertParams(u));
        } catch (SQLException e) {
            if (StoreException.isUniqueViolation(e)) {
                throw new EmailExistsException();
            }
            throw StoreException.of(e);
        }
    }

    /**
     * Stores many users in one JDBC batch, in the caller's transaction (an import).
     *
     * @throws EmailExistsException when an address or id is taken (the whole batch fails)
     */
    public void insertAll(List<UserRow> rows) {
        List<Object[]> params = new ArrayList<>(rows.size());
        for (UserRow u : rows) {
            params.add(insertParams(u));
        }
        try {
            jdbc.batch(INSERT, params);
        } catch (SQLException e) {
            if (StoreException.isUniqueViolation(e)
                    || (e.getNextException() != null && StoreException.isUniqueViolation(e.getNextException()))) {
                throw new EmailExistsException();
            }
            throw StoreException.of(e);
        }
    }

    /** Which of these lower-cased addresses and ids belong to stored users. */
    public Set<Object> existing(List<String> emailKeys, List<UUID> ids) {
        Set<Object> found = new HashSet<>();
        if (!emailKeys.isEmpty()) {
            String marks = String.join(",", java.util.Collections.nCopies(emailKeys.size(), "?"));
            found.addAll(jdbc.list(
                    "SELECT email_key FROM nf_users WHERE email_key IN (" + marks + ")",
                    rs -> rs.getString(1),
                    emailKeys.toArray()));
        }
        if (!ids.isEmpty()) {
            String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
            found.addAll(jdbc.list(
                    "SELECT id FROM nf_users WHERE id IN (" + marks + ")",
                    rs -> rs.getObject(1, UUID.class),
                    ids.toArray()));
        }
        return found;
    }

    /** Writes every mutable column of the user; the id and creation time never change. */
    public void update(UserRow u) {
        Object[] all = insertParams(u);
        List<Object> params = new ArrayList<>(all.length - 1);
        for (int i = 0; i < all.length; i++) {
            if (!WRITTEN.get(i).equals("id") && !WRITTEN.get(i).equals("created_at")) {
                params.add(all[i]);
            }
        }
        params.add(u.id());
        try {
            jdbc.update(UPDATE, params.toArray());
        } catch (SQLException e) {
            if (StoreException.isUniqueViolation(e)) {
                throw new EmailExistsException();
            }
            throw StoreException.of(e);
        }
    }

    /**
     * One page of a listing, by creation time then id (so ties never overlap or skip), optionally after a keyset
     * position and filtered by a term found anywhere in the email or the full name. Keyset pages cost the same at
     * any depth.
     *
     * @param after the creation time and id to continue after, or {@code null} to start at {@code offset}
     */
    public List<UserRow> list(
            String term, boolean ascending, Instant afterCreatedAt, UUID afterId, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM nf_users WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (afterCreatedAt != null) {
            sql.append(ascending ? " AND (created_at, id) > (?, ?)" : " AND (created_at, id) < (?, ?)");
            params.add(afterCreatedAt);
            params.add(afterId);
        }
        boolean narrowed = search.append(sql, params, term);
        String dir = ascending ? "ASC" : "DESC";
        // a narrowed search has a rare part: let the trigram index find its few matches and sort them, rather than
        // walk the creation-time index through users who do not match (the planner's choice when it misjudges how
        // many match, and slow when the matches are far down that index)
        sql.append(narrowed ? " ORDER BY created_at + INTERVAL '0' SECOND " : " ORDER BY created_at ")
                .append(dir)
                .append(", id ")
                .append(dir);
        if (afterCreatedAt == null && offset > 0) {
            sql.append(" OFFSET ? ROWS");
            params.add(offset);
        }
        sql.append(" FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        return jdbc.list(sql.toString(), UserStore::map, params.toArray());
    }

    public long count(String term) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM nf_users WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        search.append(sql, params, term);
        return jdbc.one(sql.toString(), rs -> rs.getLong(1), params.toArray()).orElse(0L);
    }

    /** Whether the user's password was chosen by someone who had proven the mailbox (see V15). */
    public boolean passwordProven(UUID id) {
        return jdbc.one("SELECT password_proven FROM nf_users WHERE id = ?", rs -> rs.getBoolean(1), id)
                .orElse(false);
    }

    public void setPasswordProven(UUID id, boolean proven) {
        jdbc.write("UPDATE nf_users SET password_proven = ? WHERE id = ?", proven, id);
    }

    /** Marks a pending signup as contested by another signup with a different password. */
    public void markContested(UUID id) {
        jdbc.write("UPDATE nf_users SET signup_contested = TRUE WHERE id = ?", id);
    }

    /** Whether the pending signup was contested; clears the mark (it is read once, at confirmation). */
    public boolean takeContested(UUID id) {
        return jdbc.write("UPDATE nf_users SET signup_contested = FALSE WHERE id = ? AND signup_contested = TRUE", id)
                == 1;
    }

    /** @return whether a user was deleted; its refresh tokens go with it (ON DELETE CASCADE) */
    public boolean delete(UUID id) {
        return jdbc.write("DELETE FROM nf_users WHERE id = ?", id) == 1;
    }

    /**
     * Samples the users for the trigrams most of them share, which searches then leave out of the index
     * ({@link UserSearch#learnCommonTrigrams}). Housekeeping runs it at startup and at every purge.
     */
    public void learnCommonTrigrams() {
        search.learnCommonTrigrams();
    }

    /** For tests: searches as if these trigrams had been found common. */
    void commonTrigrams(Set<String> common) {
        search.commonTrigrams(common);
    }

    private static String fullNameKey(UserRow u) {
        Object name = u.userMetadata().get("full_name");
        if (!(name instanceof String s) || s.isBlank()) {
            return null;
        }
        // control characters never help a search, and PostgreSQL refuses a NUL in text
        String key = s.replaceAll("\\p{Cntrl}", "").trim().toLowerCase(Locale.ROOT);
        return key.length() > 320 ? key.substring(0, 320) : key;
    }

    private static UserRow map(ResultSet rs) throws SQLException {
        UserRow.Builder row = UserRow.builder();
        for (UserField f : UserField.values()) {
            row.set(f, f.type().read(rs, f.column()));
        }
        return row.build();
    }
}
