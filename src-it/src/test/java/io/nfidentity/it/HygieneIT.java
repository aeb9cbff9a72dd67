package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers that carry tokens or a user's data are never cached, and what can no longer matter (expired tokens, the
 * rate-limit rows of made-up keys) is purged on a schedule instead of growing the tables without bound.
 */
class HygieneIT extends HttpTestBase {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of("nf.identity.purge-interval", "1"));
    }

    private static void assertNoStore(Http.Res r, String what) {
        assertEquals("no-store", r.header("Cache-Control").orElse(""), what + " must not be cached: " + r);
    }

    @Test
    void everyAnswerCarryingATokenOrUserDataSaysNoStore() {
        String email = uniqueEmail();
        Http.Res signup = browser().send("POST", ID + "signup", credentials(email, PASSWORD));
        assertNoStore(signup, "signup");
        Http.Res token = browser()
                .postRaw(
                        ID + "token",
                        passwordGrant(email, PASSWORD),
                        "Content-Type",
                        "application/x-www-form-urlencoded");
        assertNoStore(token, "the token response");
        String bearer = "Bearer " + token.json().getString("access_token");
        assertNoStore(browser().send("GET", ID + "user", null, "Authorization", bearer), "the user");
        assertNoStore(browser().send("GET", ID + "admin/users", null, "Authorization", OPERATOR), "the user list");
        assertNoStore(browser().send("GET", ID + "user", null), "an error");
        Http.Res facade = browser().postJson("api/login", credentials(email, PASSWORD));
        assertEquals(302, facade.status(), facade.toString());
        assertNoStore(facade, "the facade's login, which sets the session cookies");
    }

    @Test
    void expiredTokensAndStaleRateLimitRowsArePurgedOnASchedule() throws InterruptedException {
        String email = uniqueEmail();
        browser().send("POST", ID + "signup", credentials(email, PASSWORD));
        browser()
                .postRaw(
                        ID + "token",
                        passwordGrant(email, PASSWORD),
                        "Content-Type",
                        "application/x-www-form-urlencoded");
        browser().send("POST", ID + "recover", "{\"email\":\"" + email + "\"}");
        assertTrue(count("refresh-tokens/all?email=" + email) >= 1, "the login stored a refresh token");
        assertEquals(1, count("one-time-tokens?email=" + email), "the recovery stored a mailed token");
        browser().postRaw("api/it/refresh-tokens/expire?email=" + email, "");
        browser().postRaw("api/it/one-time-tokens/expire?email=" + email, "");
        String madeUp = "login:account:made-up-" + UUID.randomUUID() + "@example.com";
        browser().postRaw("api/it/rate-limits/stale?key=" + madeUp, "");
        assertEquals(1, count("rate-limits?key=" + madeUp));

        awaitZero(() -> count("refresh-tokens/all?email=" + email), "expired refresh tokens");
        awaitZero(() -> count("one-time-tokens?email=" + email), "expired mailed tokens");
        awaitZero(() -> count("rate-limits?key=" + madeUp), "a rate-limit row whose window is over");
    }

    private long count(String path) {
        return Long.parseLong(browser().get("api/it/" + path).body());
    }

    private static void awaitZero(LongSupplier rows, String what) {
        Awaitility.await(what + " are purged by the schedule (every second here)")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> rows.getAsLong() == 0);
    }
}
