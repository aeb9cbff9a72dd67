package io.nfidentity.impl.store;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Indexes for searching users by the start of their email or full name. PostgreSQL uses an index for
 * {@code LIKE 'prefix%'} only with the pattern operator class unless the database collation is C; H2 uses plain
 * b-trees. One migration that asks the connection which database it is, registered explicitly (no scanning).
 */
public final class V3__SearchIndexes extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        boolean postgres = context.getConnection()
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase()
                .contains("postgres");
        String ops = postgres ? " varchar_pattern_ops" : "";
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("CREATE INDEX nf_users_email_prefix ON nf_users (email_key" + ops + ")");
            s.execute("CREATE INDEX nf_users_full_name_prefix ON nf_users (full_name_key" + ops + ")");
        }
    }
}
