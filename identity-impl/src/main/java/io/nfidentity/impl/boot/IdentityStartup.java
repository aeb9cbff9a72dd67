package io.nfidentity.impl.boot;

import io.nfidentity.impl.admin.IdentityAdminBean;
import io.nfidentity.impl.admin.KeyAdmin;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.health.Health;
import io.nfidentity.impl.housekeeping.Housekeeping;
import io.nfidentity.impl.mail.Mailer;
import io.nfidentity.impl.notify.Notifier;
import io.nfidentity.impl.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Runs when the application starts: reads and validates the configuration (a bad one fails the deployment with a
 * message naming every key to fix), migrates the schema, makes the configured algorithm's signing key current, and creates the bootstrap administrator.
 *
 * <p>In an EAR, WildFly delivers this event to a library bean once, with the EAR's class loader: the configuration is
 * then what the EAR sees (system properties, environment variables, {@code META-INF/microprofile-config.properties}
 * in a jar of {@code lib/}), not a WAR's own file. In a WAR deployment the WAR's file is seen too.
 */
@ApplicationScoped
public class IdentityStartup {
    private final AtomicBoolean done = new AtomicBoolean();

    // Lazy: Weld creates this bean for every init event, and the configuration must not be read on the EAR's.
    @Inject
    Instance<IdentityConfig> config;

    @Inject
    @Internal
    Instance<DataSource> dataSource;

    @Inject
    Instance<IdentityAdminBean> admin;

    @Inject
    Instance<Housekeeping> housekeeping;

    @Inject
    Instance<Notifier> notifier;

    @Inject
    Instance<Health> health;

    @Inject
    Instance<Mailer> mailer;

    @Inject
    Instance<KeyAdmin> keys;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            IdentityConfig cfg = config.get();
            mailer.get(); // reads and checks every mail template now, not at the first mail
            Database.migrate(dataSource.get());
            keys.get().start(); // before anything signs or verifies a token
            if (!cfg.accounts().bootstrapAdminEmail().isEmpty()) {
                admin.get()
                        .bootstrapAdmin(
                                cfg.accounts().bootstrapAdminEmail(),
                                cfg.accounts().bootstrapAdminPassword(),
                                cfg.accounts().adminRole());
            }
            housekeeping.get().start();
            notifier.get().start();
            health.get().started();
        } catch (RuntimeException e) {
            done.set(false);
            health.get().failed(e.getClass().getSimpleName());
            throw e;
        }
    }
}
