package io.nfidentity.impl.session;

import io.nfidentity.impl.TestDatabase;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link SessionRotationTest} on PostgreSQL (skipped without one at 127.0.0.1:5432), where a sign-in and a rotation
 * each write in one statement: the token read that locks its session, the revocation with its successor and audit
 * entry, the new session with its first token and entry.
 */
class SessionRotationPostgresTest extends SessionRotationTest {
    @Override
    DataSource database() {
        return TestDatabase.postgres();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        TestDatabase.drop(wiring.ds);
    }
}
