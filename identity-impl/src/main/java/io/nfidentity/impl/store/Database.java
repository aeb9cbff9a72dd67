package io.nfidentity.impl.store;

import io.nfidentity.impl.error.LogId;
import java.util.List;
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

    /**
     * Names tried, in order, when {@code nf.identity.datasource} is empty: the platform's default datasource (every
     * EE 10 server: WildFly's ExampleDS, Payara's jdbc/__default), then WildFly's global name for it, since code in
     * an EAR's library may run where {@code java:comp} is not bound.
     */
    static final List<String> PLATFORM_DEFAULTS =
            List.of("java:comp/DefaultDataSource", "java:jboss/datasources/ExampleDS");

    /** The datasource at {@code jndiName}, or the platform's default one when it is empty. */
    public static DataSource lookup(String jndiName) {
        List<String> names = jndiName.isEmpty() ? PLATFORM_DEFAULTS : List.of(jndiName);
        NamingException last = null;
        for (String name : names) {
            try {
                if (new InitialContext().lookup(name) instanceof DataSource ds) {
                    return ds;
                }
            } catch (NamingException e) {
                last = e;
            }
        }
        throw new IllegalStateException(
                LogId.DATASOURCE_NOT_FOUND + ": no datasource at " + names
                        + "; set nf.identity.datasource to the JNDI name of a JTA datasource",
                last);
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
