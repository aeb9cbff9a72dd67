package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Where the provider callback is https, the cookie that binds a sign-in to its browser is a {@code __Host-} cookie: the
 * browser keeps it only if it is Secure, for the whole site and without a Domain, so no sibling subdomain or plain-http
 * page can plant a binding of its own.
 */
@EnabledIf(value = Keycloak.FOUND, disabledReason = Keycloak.NOT_FOUND)
class BindingCookieIT extends HttpTestBase {
    @Deployment(testable = false)
    static Archive<?> deployment() {
        var settings = Keycloak.get().providerSettings();
        settings.put("nf.identity.external.redirect-uri", "https://site.example.com/.netlify/identity/callback");
        return Deployments.sample(settings);
    }

    @Test
    void overHttpsTheBindingCookieIsAHostCookie() {
        Http.Res r = browser().get(ID + "authorize?provider=keycloak");
        assertEquals(302, r.status(), r.toString());
        String cookie = r.setCookie("__Host-nf_oauth").orElseThrow(() -> new AssertionError("no __Host- cookie: " + r));
        assertTrue(cookie.contains("; Path=/;") && cookie.contains("; Secure") && !cookie.contains("Domain="), cookie);
        assertTrue(r.setCookie("nf_oauth").isEmpty(), "no unprefixed binding: " + r);
    }
}
