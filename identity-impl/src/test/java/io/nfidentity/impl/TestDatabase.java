package io.nfidentity.impl;

import io.nfidentity.impl.store.Database;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

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
}
