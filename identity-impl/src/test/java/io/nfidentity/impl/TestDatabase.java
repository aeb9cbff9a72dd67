package io.nfidentity.impl;

import io.nfidentity.impl.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh in-memory H2 database with the module's schema, migrated by the module's own Flyway step: the unit tier
 * runs the stores' real SQL without a container.
 */
public final class TestDatabase {
    private TestDatabase() {}

    public static DataSource migrated() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:unit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        Database.migrate(ds);
        return ds;
    }

    /** The PostgreSQL the suites use ({@code -Dunit.pg.url} to point elsewhere). */
    private static final String PG_URL = System.getProperty("unit.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");

    /**
     * A fresh schema of its own in the PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres}, as
     * the integration suites use it), migrated: for the statements the stores run only on PostgreSQL. The test is
     * skipped, saying why, when no PostgreSQL answers there. {@link #drop} removes the schema.
     */
    public static DataSource postgres() {
        String schema = "nf_unit_" + UUID.randomUUID().toString().replace("-", "");
        PGSimpleDataSource admin = pg(PG_URL);
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Assumptions.abort("no PostgreSQL at " + PG_URL + " (" + e.getMessage() + "): this test runs only there");
        }
        PGSimpleDataSource ds = pg(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        Database.migrate(ds);
        return ds;
    }

    /** Drops the schema {@link #postgres} made. */
    public static void drop(DataSource postgres) throws SQLException {
        try (Connection c = postgres.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + c.getSchema() + " CASCADE");
        }
    }

    private static PGSimpleDataSource pg(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(System.getProperty("unit.pg.user", "postgres"));
        return ds;
    }
}
