package io.nfidentity.impl.store;

import io.nfidentity.impl.config.LogId;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Finds the application's datasource and brings the schema up to date with Flyway. */
public final class Database {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    /** Our own history table, so an application that also uses Flyway keeps its own. */
    static final String HISTORY_TABLE = "nf_identity_schema_history";

    private Database() {}

    public static DataSource lookup(String jndiName) {
        try {
            return (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException(
                    LogId.DATASOURCE_NOT_FOUND + ": no datasource at '" + jndiName
                            + "'; set nf.identity.datasource to the JNDI name of a JTA datasource",
                    e);
        }
    }

    /** Applies pending migrations; safe to call from several modules and nodes at once (Flyway locks). */
    public static void migrate(DataSource dataSource) {
        var result = Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/nfidentity")
                .javaMigrations(new V3__SearchIndexes(), new V8__SubstringSearch())
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info(() -> LogId.SCHEMA_MIGRATED + ": nf-identity schema is at version " + result.targetSchemaVersion + " ("
                + result.migrationsExecuted + " migrations applied now)");
    }
}
