package io.nfidentity.impl.store;

import io.nfidentity.IdentityException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * A database failure. The client sees only "temporarily unavailable" (503, when the database cannot be reached) or an
 * internal error (500); the SQL cause is logged with an error id, never sent.
 */
public final class StoreException extends IdentityException {
    private static final long serialVersionUID = 1L;

    private StoreException(int status, String code, String message, Throwable cause) {
        super(status, code, message, cause);
    }

    static StoreException of(SQLException e) {
        String state = e.getSQLState();
        boolean unreachable = e instanceof SQLTransientException
                || e instanceof SQLNonTransientConnectionException
                || (state != null && state.startsWith("08"));
        return unreachable
                ? new StoreException(503, "service_unavailable", "The service is temporarily unavailable", e)
                : new StoreException(500, "internal_error", "Internal error", e);
    }

    /** SQLSTATE 23505 is "unique violation" on both H2 and PostgreSQL. */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
