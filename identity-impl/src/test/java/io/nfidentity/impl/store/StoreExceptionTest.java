package io.nfidentity.impl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nfidentity.impl.error.StoreException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class StoreExceptionTest {
    @Test
    void aConnectionRefusedWrappedByThePoolIsServiceUnavailable() {
        SQLException driver =
                new SQLException("Connection to 127.0.0.1:55433 refused", "08001", new ConnectException());
        SQLException pool = new SQLException("IJ031084: Unable to create connection", null, driver);
        StoreException e = StoreException.of(pool);
        assertEquals(503, e.status());
        assertEquals("service_unavailable", e.errorCode());
    }

    @Test
    void aServerShuttingDownOrOutOfConnectionsIsServiceUnavailable() {
        assertEquals(
                503,
                StoreException.of(new SQLException("shutting down", "57P03")).status());
        assertEquals(
                503,
                StoreException.of(new SQLException("terminating connection", "57P01"))
                        .status());
        assertEquals(
                503,
                StoreException.of(new SQLException("too many clients", "53300")).status());
    }

    @Test
    void aPoolThatCannotHandOutAConnectionIsServiceUnavailableWhateverItSays() {
        // Payara's pool, with the database gone: no SQL state, no driver exception in the chain
        javax.sql.DataSource pool = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("Error in allocating a connection. Cause: This Managed Connection is not"
                            + " valid as the physical connection is not usable");
                });
        StoreException e = org.junit.jupiter.api.Assertions.assertThrows(
                StoreException.class, () -> new Jdbc(pool).list("SELECT 1", rs -> 1));
        assertEquals(503, e.status());
    }

    @Test
    void aWrongStatementIsAnInternalErrorWithNoDetailInTheMessage() {
        StoreException e = StoreException.of(new SQLException("column \"x\" does not exist", "42703"));
        assertEquals(500, e.status());
        assertEquals("Internal error", e.getMessage());
    }

    @Test
    void aCommitThatFailedBecauseTheServerWentAwayIsAnOutage() {
        // Narayana's RollbackException carries the driver's error only as a suppressed exception of its own
        Exception commit = new Exception("ARJUNA016053: Could not commit transaction.");
        Exception local = new Exception("IJ001156: Could not commit local transaction");
        local.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        commit.addSuppressed(local);
        assertEquals(true, StoreException.unreachable(commit));
        assertEquals(false, StoreException.unreachable(new IllegalStateException("a bug")));
    }
}
