package io.nfidentity.impl.rest.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/** Which failed transactions are an outage (503) and which a bug (500); the answers' shape is the ITs'. */
class TransactionalExceptionMapperTest {
    @Test
    void aCommitCutOffByTheDatabaseIsAnOutageAsPayaraReportsIt() {
        // Payara's chain ends in an XAException whose only trace of PostgreSQL is its message
        SystemException commit = new SystemException();
        commit.initCause(new XAException("FATAL: terminating connection due to administrator command"));

        assertTrue(TransactionalExceptionMapper.isOutage(
                new TransactionalException("encountered exception during commit", commit)));
    }

    @Test
    void aFailureWhoseCauseSaysTheDatabaseIsUnreachableIsAnOutage() {
        assertTrue(TransactionalExceptionMapper.isOutage(
                new TransactionalException("commit", new SQLException("refused", "08001"))));
    }

    @Test
    void anyOtherFailedTransactionIsNot() {
        assertFalse(TransactionalExceptionMapper.isOutage(
                new TransactionalException("boom", new IllegalStateException("a bug"))));
    }
}
