package io.nfidentity.impl.config;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.List;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** What the platform lends the module by JNDI name, found the same way wherever it is needed. */
public final class Platform {
    /** The platform's default scheduler, then WildFly's global name for it (an EAR's library may lack java:comp). */
    public static final List<String> SCHEDULERS =
            List.of("java:comp/DefaultManagedScheduledExecutorService", "java:jboss/ee/concurrency/scheduler/default");

    private Platform() {}

    /** The platform's managed scheduler, if one is bound under a known name. */
    public static Optional<ManagedScheduledExecutorService> scheduler() {
        for (String name : SCHEDULERS) {
            try {
                return Optional.of((ManagedScheduledExecutorService) new InitialContext().lookup(name));
            } catch (NamingException | ClassCastException e) {
                // try the next name
            }
        }
        return Optional.empty();
    }
}
