package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /authorize} is anonymous and each call stores a row (and may fetch a provider's discovery document): it is
 * limited per client address like signup and recovery, here to three an hour.
 */
class AuthorizeLimitIT extends HttpTestBase {
    private static final String KEY = "authorize:address:127.0.0.1";

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(
                Map.of("nf.identity.limits.address.free", "3", "nf.identity.limits.address.per-hour", "3"));
    }

    @Test
    void aFloodOfAuthorizationsFromOneAddressIsToldToWait() {
        browser().send("POST", "api/it/rate-limits/clear?key=" + KEY, null); // earlier classes' sign-ins count too
        try {
            for (int i = 0; i < 3; i++) {
                Http.Res r = browser().get(ID + "authorize?provider=github");
                assertEquals(400, r.status(), "within the limit: no such provider here, " + r);
            }
            Http.Res over = browser().get(ID + "authorize?provider=github");
            assertEquals(429, over.status(), "the fourth waits: " + over);
            assertTrue(over.header("Retry-After").isPresent(), over.toString());
        } finally {
            browser().send("POST", "api/it/rate-limits/clear?key=" + KEY, null);
        }
    }
}
