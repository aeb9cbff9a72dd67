package io.nfidentity.it;

import io.nfidentity.event.DeniableEvent;
import io.nfidentity.event.IdentityEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only observers, added to the sample WAR by {@link Deployments}. They record every delivery, and misbehave on
 * request, chosen by the email's local part: {@code deny-<Event>-...} denies that event, {@code boom-<Event>-...}
 * throws from it, {@code meta-...} sets user metadata at login, {@code asyncdeny-...} tries to deny asynchronously.
 */
@ApplicationScoped
public class RecordingObservers {
    static final List<String> LOG = new CopyOnWriteArrayList<>();

    void first(@Observes @Priority(100) IdentityEvent e) {
        String name = e.getClass().getSimpleName();
        String email = e.user().email();
        LOG.add("SYNC1:" + name + ":" + email);
        // without regard to case: an external provider (Keycloak) hands over addresses in lower case
        if (email.toLowerCase(java.util.Locale.ROOT)
                        .startsWith(("deny-" + name + "-").toLowerCase(java.util.Locale.ROOT))
                && e instanceof DeniableEvent d) {
            d.deny("Denied by test observer");
        }
        if (email.startsWith("boom-" + name + "-")) {
            throw new IllegalStateException("test observer failure");
        }
        if (email.startsWith("meta-") && e instanceof io.nfidentity.event.UserLogin login) {
            login.setUserMetadata(Map.of("full_name", "Set At Login"));
        }
    }

    void second(@Observes @Priority(200) IdentityEvent e) {
        LOG.add("SYNC2:" + e.getClass().getSimpleName() + ":" + e.user().email());
    }

    void async(@ObservesAsync IdentityEvent e) {
        String email = e.user().email();
        boolean stored = SupportResource.userExists(email);
        LOG.add("ASYNC:" + e.getClass().getSimpleName() + ":" + email + ":stored=" + stored + ":thread="
                + Thread.currentThread().getName());
        if (email.startsWith("asyncdeny-") && e instanceof DeniableEvent d) {
            try {
                d.deny("too late");
            } catch (IllegalStateException expected) {
                LOG.add("ASYNC-DENY-REFUSED:" + email);
            }
            try {
                d.setRoles(List.of("x"));
            } catch (IllegalStateException expected) {
                LOG.add("ASYNC-MODIFY-REFUSED:" + email);
            }
        }
    }
}
