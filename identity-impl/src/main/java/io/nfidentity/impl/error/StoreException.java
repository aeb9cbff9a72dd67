package io.nfidentity.impl.error;

import io.nfidentity.IdentityException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A database failure. The client sees only "temporarily unavailable" (503, when the database cannot be reached) or an
 * internal error (500); the SQL cause is logged with an error id, never sent.
 */
public final class StoreException extends IdentityException {
    private static final long serialVersionUID = 1L;
    /** Failures since this deployment started, for the metrics (per class loader: each deployment counts its own). */
    private static final LongAdder UNAVAILABLE = new LongAdder();

    private static final LongAdder FAILED = new LongAdder();

    private StoreException(Problem problem, Throwable cause) {
        super(problem.status(), problem.code(), problem.message(), cause);
        (problem == Problem.SERVICE_UNAVAILABLE ? UNAVAILABLE : FAILED).increment();
    }

    /** Database failures so far that meant the database was away (answered 503). */
    public static long unavailableCount() {
        return UNAVAILABLE.sum();
    }

    /** Database failures so far of any other kind: a statement or commit that failed (answered 500). */
    public static long failedCount() {
        return FAILED.sum();
    }

    /** The 503 for any failure whose chain shows the database is unreachable (a commit that failed, say). */
    public static StoreException outage(Throwable cause) {
        return new StoreException(Problem.SERVICE_UNAVAILABLE, cause);
    }

    public static StoreException of(SQLException e) {
        return unreachable(e)
                ? new StoreException(Problem.SERVICE_UNAVAILABLE, e)
                : new StoreException(Problem.INTERNAL_ERROR, e);
    }

    /**
     * Whether the failure means "the database is not there right now" rather than "this statement is wrong": a
     * connection that cannot be made or was cut (SQLSTATE class 08), a server shutting down or starting (57P01 to
     * 57P03), one out of connections or memory (class 53), or the pool giving up. The pool wraps the driver's
     * exception, and a failed commit carries it as a suppressed exception, so the whole chain is looked at, suppressed
     * exceptions included.
     */
    public static boolean unreachable(Throwable e) {
        return unreachable(e, 0);
    }

    private static boolean unreachable(Throwable e, int depth) {
        for (Throwable t = e; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            for (Throwable s : t.getSuppressed()) {
                if (unreachable(s, depth + 1)) {
                    return true;
                }
            }
            if (t instanceof SQLTransientException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException
                    || t instanceof java.net.SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A row changed by a concurrent transaction: H2 reports it (error 90131, "concurrent update"), PostgreSQL only
     * under stricter isolation (class 40, serialization failure). Safe to read again and retry.
     */
    public static boolean isConcurrentUpdate(SQLException e) {
        return e.getErrorCode() == 90131
                || (e.getSQLState() != null && e.getSQLState().startsWith("40"));
    }

    /** SQLSTATE 23505 is "unique violation" on both H2 and PostgreSQL. */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
