package io.nfidentity.impl.boot;

import io.nfidentity.impl.admin.IdentityAdminBean;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Runs when the application starts: reads and validates the configuration (a bad one fails the deployment with a
 * message naming every key to fix), migrates the schema, and creates the bootstrap administrator. In an EAR the event
 * arrives once per module; the work is done once.
 */
@ApplicationScoped
public class IdentityStartup {
    private final AtomicBoolean done = new AtomicBoolean();

    @Inject
    IdentityConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    IdentityAdminBean admin;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            Database.migrate(dataSource);
            if (!config.bootstrapAdminEmail().isEmpty()) {
                admin.bootstrapAdmin(config.bootstrapAdminEmail(), config.bootstrapAdminPassword(), config.adminRole());
            }
        } catch (RuntimeException e) {
            done.set(false);
            throw e;
        }
    }
}
