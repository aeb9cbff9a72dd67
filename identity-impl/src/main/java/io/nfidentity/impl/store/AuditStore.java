package io.nfidentity.impl.store;

import io.nfidentity.AuditAction;
import io.nfidentity.AuditEntry;
import io.nfidentity.impl.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code nf_audit_log} table. Inserts join the caller's transaction (the action's own), so an entry exists exactly
 * when its action committed.
 */
public final class AuditStore {
    private static final String COLUMNS =
            "id, created_at, actor_id, actor_email, action, target_id, target_email, ip_address, traits";

    /** The longest traits JSON kept; longer details are cut to a marker (they are never needed whole). */
    static final int MAX_TRAITS = 4000;

    private final Jdbc jdbc;

    public AuditStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public void insert(AuditEntry e) {
        jdbc.write(INSERT + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values(e));
    }

    /** The start of an entry's insert, for a store that writes one in a statement of its own (a rotation). */
    static final String INSERT = "INSERT INTO nf_audit_log (" + COLUMNS + ")";

    /**
     * {@link #INSERT}'s values as a select list, typed (PostgreSQL cannot infer a parameter's type there), in the
     * order of {@link #values}.
     */
    static final String TYPED_VALUES = "CAST(? AS UUID), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS UUID),"
            + " CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS UUID), CAST(? AS VARCHAR), CAST(? AS VARCHAR),"
            + " CAST(? AS VARCHAR)";

    /** The entry's columns, in {@link #COLUMNS}' order, cut to the columns' lengths. */
    static Object[] values(AuditEntry e) {
        // most entries have no traits: no JSON binding for them
        String traits = e.traits().isEmpty() ? "{}" : Json.write(e.traits());
        if (traits.length() > MAX_TRAITS) {
            traits = "{\"truncated\":true}";
        }
        return new Object[] {
            e.id(),
            e.createdAt(),
            e.actorId(),
            cut(e.actorEmail(), 320),
            e.action().code(),
            e.targetId(),
            cut(e.targetEmail(), 320),
            cut(e.ipAddress(), 64),
            traits
        };
    }

    /** What a listing selects: every field may be {@code null} (no condition). */
    public record Filter(UUID target, AuditAction action, Instant from, Instant to, String search) {}

    /**
     * One page, newest first, by creation time then id, after a keyset position or from an offset.
     *
     * @param afterCreatedAt the creation time and id to continue after, or {@code null} to start at {@code offset}
     */
    public List<AuditEntry> list(Filter f, Instant afterCreatedAt, UUID afterId, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM nf_audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (afterCreatedAt != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            params.add(afterCreatedAt);
            params.add(afterId);
        }
        where(sql, params, f);
        sql.append(" ORDER BY created_at DESC, id DESC");
        if (afterCreatedAt == null && offset > 0) {
            sql.append(" OFFSET ? ROWS");
            params.add(offset);
        }
        sql.append(" FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        return jdbc.list(sql.toString(), AuditStore::map, params.toArray());
    }

    public long count(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM nf_audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        where(sql, params, f);
        return jdbc.one(sql.toString(), rs -> rs.getLong(1), params.toArray()).orElse(0L);
    }

    /**
     * Deletes entries older than {@code before}, at most {@code batch} of them, so a first purge of a large log does
     * not hold one long transaction.
     *
     * @return how many were deleted
     */
    public int purge(Instant before, int batch) {
        return jdbc.write(
                "DELETE FROM nf_audit_log WHERE id IN (SELECT id FROM nf_audit_log WHERE created_at < ?"
                        + " FETCH FIRST ? ROWS ONLY)",
                before,
                batch);
    }

    private static void where(StringBuilder sql, List<Object> params, Filter f) {
        if (f.target() != null) {
            sql.append(" AND target_id = ?");
            params.add(f.target());
        }
        if (f.action() != null) {
            sql.append(" AND action = ?");
            params.add(f.action().code());
        }
        if (f.from() != null) {
            sql.append(" AND created_at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND created_at < ?");
            params.add(f.to());
        }
        if (f.search() != null && !f.search().isBlank()) {
            String pattern = Jdbc.containsPattern(f.search());
            sql.append(" AND (LOWER(actor_email) LIKE ? ESCAPE '!' OR action LIKE ? ESCAPE '!')");
            params.add(pattern);
            params.add(pattern);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static AuditEntry map(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getObject("id", UUID.class),
                Jdbc.instant(rs, "created_at"),
                rs.getObject("actor_id", UUID.class),
                rs.getString("actor_email"),
                // an action a newer version wrote is shown as a modification rather than failing the whole page
                AuditAction.of(rs.getString("action")).orElse(AuditAction.USER_MODIFIED),
                rs.getObject("target_id", UUID.class),
                rs.getString("target_email"),
                rs.getString("ip_address"),
                Json.readMap(rs.getString("traits")));
    }
}
