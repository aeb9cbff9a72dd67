package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code verifyRequestOrigin()}: the sample's state-changing endpoints refuse cross-site callers before any work. */
class OriginCheckIT extends SampleTestBase {

    private void assertRefused(Http.Res r, String email) {
        assertEquals(403, r.status(), r.toString());
        assertEquals("origin_not_allowed", r.json().getString("error_code"), r.toString());
        assertTrue(r.setCookies().isEmpty(), "no cookies on a refused request: " + r);
        if (email != null) {
            assertEquals(0, usersWithEmail(email), "nothing stored for a refused signup");
        }
    }

    @Test
    void signupWithoutOriginIsRefused() {
        String email = uniqueEmail();
        assertRefused(
                http.postRaw("api/signup", credentials(email, PASSWORD), "Content-Type", "application/json"), email);
    }

    @Test
    void signupFromAForeignOriginIsRefused() {
        String email = uniqueEmail();
        assertRefused(
                http.postRaw(
                        "api/signup",
                        credentials(email, PASSWORD),
                        "Content-Type",
                        "application/json",
                        "Origin",
                        "https://evil.example.net"),
                email);
    }

    @Test
    void requestMarkedCrossSiteIsRefusedEvenWithAMatchingOrigin() {
        String email = uniqueEmail();
        assertRefused(http.postJson("api/signup", credentials(email, PASSWORD), "Sec-Fetch-Site", "cross-site"), email);
    }

    @Test
    void loginFromAForeignOriginIsRefused() {
        assertRefused(
                http.postRaw(
                        "api/login",
                        credentials(ADMIN_EMAIL, ADMIN_PASSWORD),
                        "Content-Type",
                        "application/json",
                        "Origin",
                        "http://localhost.evil.example.net"),
                null);
    }

    @Test
    void logoutFromAForeignOriginKeepsTheSession() {
        String email = signUp(http);

        Http.Res r = http.postRaw("api/logout", "", "Origin", "https://evil.example.net");

        assertRefused(r, null);
        assertEquals(1, liveRefreshTokens(email), "a forged logout does not end the session");
    }

    @Test
    void configuredAllowedOriginIsAccepted() {
        String email = uniqueEmail();
        Http.Res r = http.postRaw(
                "api/signup",
                credentials(email, PASSWORD),
                "Content-Type",
                "application/json",
                "Origin",
                "https://app.example.com");

        assertEquals(302, r.status(), "an origin from nf.identity.allowed-origins is accepted: " + r);
        assertEquals(1, usersWithEmail(email));
    }
}
