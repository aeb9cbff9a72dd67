package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * nf-identity's jars in a plain WAR's {@code WEB-INF/lib} (the per-request benchmark's app, {@code bench/apps/ping-nf})
 * instead of an EAR's {@code lib/}. There WildFly sees Jackson (Flyway brings it) and switches the deployment's JSON
 * provider to Jackson; the GoTrue API must still answer in GoTrue's exact shape, and roles must still work.
 */
class WarDeploymentIT extends HttpTestBase {
    @Deployment(testable = false)
    static WebArchive deployment() {
        File war = new File(System.getProperty("it.ping.war", "target/deployments/ping-nf.war"));
        return ShrinkWrap.create(ZipImporter.class, "ping-nf.war")
                .importFrom(war)
                .as(WebArchive.class);
    }

    @Test
    void theGoTrueApiAnswersInGoTruesShapeFromAWar() {
        String email = uniqueEmail();
        Http.Res signup = http.postJson(".netlify/identity/signup", credentials(email, PASSWORD));
        assertEquals(200, signup.status(), signup.toString());
        assertTrue(
                signup.json().containsKey("access_token"), "snake_case as GoTrue, not Jackson's camelCase: " + signup);
        assertTrue(signup.json().containsKey("confirmed_at"), signup.toString());
        assertFalse(signup.body().contains("accessToken"), signup.toString());

        Http.Res token = http.postRaw(
                ".netlify/identity/token",
                passwordGrant(email, PASSWORD),
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertEquals(200, token.status(), token.toString());
        assertTrue(token.json().containsKey("refresh_token"), token.toString());
        assertEquals("bearer", token.json().getString("token_type"), token.toString());

        Http.Res bad = http.postJson(".netlify/identity/signup", "{nope");
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("bad_request", bad.json().getString("error_code"), bad.toString());
    }

    @Test
    void rolesAllowedWorksWithTheCookieFromAWar() {
        Http.Res admin = http.postRaw(
                ".netlify/identity/token",
                passwordGrant(ADMIN_EMAIL, ADMIN_PASSWORD),
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertEquals(200, admin.status(), admin.toString());
        String adminToken = admin.json().getString("access_token");

        Http.Res member = browser().get("api/ping/member", "Cookie", "nf_jwt=" + adminToken);
        assertEquals(200, member.status(), member.toString());
        assertEquals("pong", member.body());
        assertEquals(401, browser().get("api/ping/member").status(), "no token, no entry");

        String email = uniqueEmail();
        Http.Res user = http.postJson(".netlify/identity/signup", credentials(email, PASSWORD));
        Http.Res notAdmin = browser()
                .get("api/ping/member", "Cookie", "nf_jwt=" + user.json().getString("access_token"));
        assertEquals(403, notAdmin.status(), "a user without the role: " + notAdmin);
    }
}
