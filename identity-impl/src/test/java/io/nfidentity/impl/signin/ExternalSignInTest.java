package io.nfidentity.impl.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nfidentity.impl.TestConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalSignInTest {
    private final ExternalSignIn signIn =
            new ExternalSignIn(TestConfig.with("allowed-origins", "https://app.example.com"), null, null, null, null);

    @Test
    void theChallengeIsRfc7636sS256() {
        // the example of RFC 7636, appendix B
        assertEquals(
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                ExternalSignIn.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void redirectToIsKeptOnlyOnTheSiteOrAnAllowedOrigin() {
        assertEquals(
                "https://site.example.com/after?x=1",
                signIn.allowedRedirect("https://site.example.com/after?x=1#old-fragment"));
        assertEquals("https://app.example.com/", signIn.allowedRedirect("https://app.example.com/"));
        assertEquals("https://app.example.com:443/a", signIn.allowedRedirect("https://app.example.com:443/a"));
        for (String open : List.of(
                "https://evil.example.net/",
                "https://site.example.com@evil.example.net/",
                "http://site.example.com/",
                "https://site.example.com:8443/",
                "//evil.example.net/",
                "/relative",
                "javascript:alert(1)",
                "https://site.example.com.evil.example.net/",
                "")) {
            assertNull(signIn.allowedRedirect(open), open);
        }
        assertNull(signIn.allowedRedirect(null));
    }

    @Test
    void providersAreAddedOnceToAppMetadata() {
        assertEquals(
                List.of("email", "github"),
                ExternalWrites.withProvider(Map.of("provider", "email"), "github")
                        .get("providers"));
        assertEquals(
                List.of("email", "github"),
                ExternalWrites.withProvider(
                                Map.of("provider", "email", "providers", List.of("email", "github")), "github")
                        .get("providers"));
    }
}
