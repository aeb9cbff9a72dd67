package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;

/**
 * Failed logins per account, counted in the database: 429 with Retry-After once the account is over its limit. The
 * growing delays before the cap are seconds long, so they are proven by {@code BackoffTest}, not here.
 */
class RateLimitIT extends HttpTestBase {
    static final String TOKEN = ".netlify/identity/token";

    @Deployment(testable = false)
    static Archive<?> deployment() {
        // no timing in tests: the hourly cap (4) blocks for the rest of the hour, the short delays are unit-tested
        return Deployments.sample(
                Map.of("nf.identity.limits.account.free", "4", "nf.identity.limits.account.per-hour", "4"));
    }

    private Http.Res attempt(String email, String password) {
        return browser()
                .postRaw(TOKEN, passwordGrant(email, password), "Content-Type", "application/x-www-form-urlencoded");
    }

    @Test
    void repeatedFailuresOnOneAccountAreSlowedDownWithRetryAfter() {
        String email = uniqueEmail();
        browser()
                .send(
                        "POST",
                        ".netlify/identity/signup",
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");

        for (int i = 0; i < 4; i++) {
            Http.Res r = attempt(email, "wrong-password-" + i);
            assertEquals(400, r.status(), "failure " + i + " is an ordinary invalid_grant: " + r);
        }
        Http.Res limited = attempt(email, "wrong-password-again");

        assertEquals(429, limited.status(), "past the hourly cap the account waits: " + limited);
        assertEquals("too_many_requests", limited.json().getString("error_code"), limited.toString());
        long retryAfter = Long.parseLong(limited.header("Retry-After").orElse("0"));
        assertTrue(retryAfter > 60 && retryAfter <= 3600, "until the hour's window ends, in seconds: " + limited);
        assertEquals(
                429,
                attempt(email, PASSWORD).status(),
                "even the right password waits out the delay: guessing gains nothing");
    }

    @Test
    void failuresOnOneAccountDoNotSlowDownAnother() {
        String victim = uniqueEmail();
        for (int i = 0; i < 6; i++) {
            attempt(victim, "guess-" + i);
        }
        String other = uniqueEmail();
        browser()
                .send(
                        "POST",
                        ".netlify/identity/signup",
                        "{\"email\":\"" + other + "\",\"password\":\"" + PASSWORD + "\"}");

        assertEquals(200, attempt(other, PASSWORD).status(), "another account is unaffected");
    }
}
