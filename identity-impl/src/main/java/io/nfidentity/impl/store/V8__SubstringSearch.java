package io.nfidentity.impl.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.logging.Logger;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Search matches anywhere in an email or full name, as GoTrue's does ({@code LIKE '%term%'}). On PostgreSQL,
 * trigram GIN indexes ({@code pg_trgm}, which ships with PostgreSQL) keep that fast at millions of users; the extension
 * goes into {@code public}, so that dropping an application's schema never takes it along. Where it cannot be
 * installed (no privilege), search still works, by scanning, and the log says so. H2 scans.
 */
public final class V8__SubstringSearch extends BaseJavaMigration {
    private static final Logger LOG = Logger.getLogger(V8__SubstringSearch.class.getName());

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            return;
        }
        String schema = trigramSchema(c);
        if (schema == null) {
            LOG.warning("nf-identity: the PostgreSQL extension pg_trgm cannot be installed here (it needs the CREATE"
                    + " privilege on the database); user search works, but scans the table");
            return;
        }
        String ops = "\"" + schema + "\".gin_trgm_ops";
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX nf_users_email_trgm ON nf_users USING gin (email_key " + ops + ")");
            s.execute("CREATE INDEX nf_users_full_name_trgm ON nf_users USING gin (full_name_key " + ops + ")");
        }
    }

    /** The schema pg_trgm lives in, installing it into {@code public} first when it is missing; null if it cannot. */
    private static String trigramSchema(Connection c) throws SQLException {
        String installed = installedIn(c);
        if (installed != null) {
            return installed;
        }
        Savepoint before = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public");
        } catch (SQLException e) {
            c.rollback(before); // keep the migration's transaction usable
            return null;
        }
        return installedIn(c);
    }

    private static String installedIn(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n"
                        + " ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
