package io.nfidentity.impl.store;

import io.nfidentity.impl.error.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code nf_notifications} (V20), the outbox of asynchronous notifications. Rows are inserted in the transaction of
 * the action they report; a node claims due rows with {@code FOR UPDATE SKIP LOCKED} and moves their {@code next_at}
 * past the send (its lease) in one short transaction, so no other node claims them meanwhile; the outcome is written
 * only if the row is still at the attempt this node claimed (a node that outlived its lease changes nothing).
 */
public final class NotificationStore {
    /** Pending: due at {@code next_at} (or being sent, until then). */
    public static final String PENDING = "pending";

    public static final String DELIVERED = "delivered";

    /** Given up after the configured attempts; an administrator may retry it. */
    public static final String FAILED = "failed";

    private final Jdbc jdbc;

    public NotificationStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** A row: what to send where, and how its delivery went so far. */
    public record NotificationRow(
            UUID id,
            UUID eventId,
            String event,
            String receiver,
            UUID userId,
            String payload,
            String state,
            int attempts,
            Instant createdAt,
            Instant nextAt,
            Instant deliveredAt,
            Integer lastStatus,
            String lastError) {}

    private static final String COLUMNS = "id, event_id, event, receiver, user_id, payload, state, attempts,"
            + " created_at, next_at, delivered_at, last_status, last_error";

    /** New pending rows, due now: one per receiver of one event. */
    public void insert(List<NotificationRow> rows) {
        try {
            jdbc.batch(
                    "INSERT INTO nf_notifications (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    rows.stream()
                            .map(n -> new Object[] {
                                n.id(),
                                n.eventId(),
                                n.event(),
                                n.receiver(),
                                n.userId(),
                                n.payload(),
                                PENDING,
                                0,
                                n.createdAt(),
                                n.nextAt(),
                                null,
                                null,
                                null
                            })
                            .toList());
        } catch (SQLException e) {
            throw StoreException.of(e);
        }
    }

    /**
     * Claims up to {@code max} due rows: locks them (skipping rows another node has locked), counts the attempt and
     * moves {@code next_at} to {@code leaseUntil}. Must run in a transaction, which the caller commits at once.
     *
     * @return the claimed rows, with {@code attempts} already counting this one
     */
    public List<NotificationRow> claim(Instant now, Instant leaseUntil, int max) {
        return jdbc.withConnection(c -> {
            List<NotificationRow> due = Jdbc.list(
                    c,
                    "SELECT " + COLUMNS + " FROM nf_notifications WHERE state = ? AND next_at <= ? ORDER BY next_at"
                            + " FETCH FIRST " + max + " ROWS ONLY FOR UPDATE SKIP LOCKED",
                    NotificationStore::row,
                    PENDING,
                    now);
            List<NotificationRow> claimed = new java.util.ArrayList<>();
            for (NotificationRow n : due) {
                Jdbc.update(
                        c,
                        "UPDATE nf_notifications SET attempts = attempts + 1, next_at = ? WHERE id = ?",
                        leaseUntil,
                        n.id());
                claimed.add(new NotificationRow(
                        n.id(),
                        n.eventId(),
                        n.event(),
                        n.receiver(),
                        n.userId(),
                        n.payload(),
                        n.state(),
                        n.attempts() + 1,
                        n.createdAt(),
                        leaseUntil,
                        n.deliveredAt(),
                        n.lastStatus(),
                        n.lastError()));
            }
            return claimed;
        });
    }

    /** The receiver took it. @return whether the row was still at this attempt */
    public boolean delivered(UUID id, int attempt, Instant at, int status) {
        return jdbc.write(
                        "UPDATE nf_notifications SET state = ?, delivered_at = ?, last_status = ?, last_error = NULL"
                                + " WHERE id = ? AND attempts = ? AND state = ?",
                        DELIVERED,
                        at,
                        status,
                        id,
                        attempt,
                        PENDING)
                == 1;
    }

    /**
     * The attempt failed: due again at {@code nextAt}, or {@link #FAILED} when {@code giveUp}.
     *
     * @param status the receiver's HTTP status, or {@code null} when it did not answer
     * @return whether the row was still at this attempt
     */
    public boolean failed(UUID id, int attempt, Instant nextAt, boolean giveUp, Integer status, String error) {
        return jdbc.write(
                        "UPDATE nf_notifications SET state = ?, next_at = ?, last_status = ?, last_error = ?"
                                + " WHERE id = ? AND attempts = ? AND state = ?",
                        giveUp ? FAILED : PENDING,
                        nextAt,
                        status,
                        error == null ? null : error.substring(0, Math.min(error.length(), 300)),
                        id,
                        attempt,
                        PENDING)
                == 1;
    }

    /** A failed row due again now, its attempts counted afresh. @return whether it was failed */
    public boolean retry(UUID id, Instant now) {
        return jdbc.write(
                        "UPDATE nf_notifications SET state = ?, attempts = 0, next_at = ? WHERE id = ? AND state = ?",
                        PENDING,
                        now,
                        id,
                        FAILED)
                == 1;
    }

    public java.util.Optional<NotificationRow> find(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM nf_notifications WHERE id = ?", NotificationStore::row, id);
    }

    /** Rows in {@code state}, newest first. */
    public List<NotificationRow> list(String state, int max) {
        return jdbc.list(
                "SELECT " + COLUMNS + " FROM nf_notifications WHERE state = ? ORDER BY created_at DESC, id"
                        + " FETCH FIRST " + max + " ROWS ONLY",
                NotificationStore::row,
                state);
    }

    /** Deletes delivered and failed rows created before {@code cutoff}; pending rows are never dropped. */
    public int purge(Instant cutoff) {
        return jdbc.write("DELETE FROM nf_notifications WHERE state <> ? AND created_at < ?", PENDING, cutoff);
    }

    private static NotificationRow row(ResultSet rs) throws SQLException {
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new NotificationRow(
                rs.getObject("id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getString("event"),
                rs.getString("receiver"),
                rs.getObject("user_id", UUID.class),
                rs.getString("payload"),
                rs.getString("state"),
                rs.getInt("attempts"),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "next_at"),
                Jdbc.instant(rs, "delivered_at"),
                lastStatus,
                rs.getString("last_error"));
    }
}
