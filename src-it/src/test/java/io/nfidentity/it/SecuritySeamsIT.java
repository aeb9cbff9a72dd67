package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.it.host.BadgeGroups;
import io.nfidentity.it.host.LegacyStore;
import io.nfidentity.it.host.SeamsResource;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Security's own seams, from an application that uses nothing of nf-identity's API: {@code
 * SecurityContext.authenticate} with a {@code UsernamePasswordCredential} goes through nf-identity's identity store
 * (with its limits, and stacked with the application's own store), and {@code HttpServletRequest.logout()} ends the
 * session, for a cookie session and for a bearer caller.
 */
class SecuritySeamsIT extends HttpTestBase {
    @Deployment(testable = false)
    static WebArchive deployment() {
        File war = new File(System.getProperty("it.ping.war", "target/deployments/ping-nf.war"));
        return ShrinkWrap.create(ZipImporter.class, "seams.war")
                .importFrom(war)
                .as(WebArchive.class)
                .addClasses(SeamsResource.class, LegacyStore.class, BadgeGroups.class)
                // Payara answers isCallerInRole for declared roles only, as the specification allows
                .setWebXML(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                        + "<security-role><role-name>admin</role-name></security-role>"
                        + "<security-role><role-name>legacy</role-name></security-role>"
                        + "<security-role><role-name>badge</role-name></security-role></web-app>"));
    }

    private static Http.Res containerLogin(Http browser, String username, String password) {
        return browser.postRaw(
                "api/seams/login",
                "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8),
                "Content-Type",
                "application/x-www-form-urlencoded");
    }

    @Test
    void authenticateWithEmailAndPasswordOpensACookieSessionOfTheUser() {
        String email = signUpViaApi();
        Http browser = browser();
        Http.Res r = containerLogin(browser, email, PASSWORD);
        assertEquals(200, r.status(), r.toString());
        assertTrue(
                r.setCookie("nf_jwt").isPresent() && r.setCookie("nf_refresh").isPresent(), r.toString());
        String id = userOf(browser.cookies.get("nf_jwt")).getString("id");
        // the application's group-only store added its group to ours, for the request that authenticated
        assertEquals(id + " admin=false legacy=false badge=true", r.body());
        Http.Res later = browser.get("api/seams/whoami");
        assertEquals(id + " admin=false legacy=false badge=false", later.body(), "the next request: the cookie's");
        assertEquals(200, useRefreshToken(browser.cookies.get("nf_refresh")).status(), "a live refresh token");
    }

    @Test
    void theUsersRolesAreTheCallersGroups() {
        Http b = browser();
        Http.Res r = containerLogin(b, ADMIN_EMAIL, ADMIN_PASSWORD);
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.body().endsWith(" admin=true legacy=false badge=true"), r.body());
        assertTrue(b.get("api/seams/whoami").body().endsWith(" admin=true legacy=false badge=false"));
    }

    @Test
    void aWrongPasswordOrAnUnknownAddressIsRefusedAndSetsNoCookie() {
        String email = signUpViaApi();
        for (String[] attempt : new String[][] {{email, "wrong password 1"}, {uniqueEmail(), PASSWORD}}) {
            Http.Res r = containerLogin(browser(), attempt[0], attempt[1]);
            assertEquals(401, r.status(), r.toString());
            assertEquals("SEND_FAILURE", r.body());
            assertTrue(r.setCookies().stream().noneMatch(c -> c.startsWith("nf_")), r.toString());
        }
    }

    @Test
    void theStoreIsNoWayAroundTheLoginLimit() {
        String email = signUpViaApi();
        for (int i = 0; i < 6; i++) {
            assertEquals(401, containerLogin(browser(), email, "guess " + i).status());
        }
        // the account now waits: even its right password is refused through the store, as through /token
        Http.Res right = containerLogin(browser(), email, PASSWORD);
        assertEquals(401, right.status(), right.toString());
        assertEquals(429, passwordLogin(browser(), email, PASSWORD).status(), "the same counter as /token");
    }

    @Test
    void theApplicationsOwnStoreStacksBesideOursAndOpensNoSessionOfOurs() {
        Http browser = browser();
        Http.Res r = containerLogin(browser, LegacyStore.CALLER, LegacyStore.PASSWORD);
        assertEquals(200, r.status(), r.toString());
        assertEquals(LegacyStore.CALLER + " admin=false legacy=true badge=true", r.body());
        assertTrue(browser.cookies.isEmpty(), "no nf-identity session for another store's caller: " + r);
    }

    @Test
    void requestLogoutEndsTheCookieSessionAndClearsItsCookies() {
        String email = signUpViaApi();
        Http browser = browser();
        logInByGrant(browser, email);
        String refresh = browser.cookies.get("nf_refresh");
        Http.Res out = browser.postRaw("api/seams/logout", "", "Content-Type", "text/plain");
        assertEquals(200, out.status(), out.toString());
        assertTrue(out.body().startsWith("anonymous"), "the container forgot the caller: " + out.body());
        assertFalse(browser.cookies.containsKey("nf_jwt"), "cookies cleared: " + out);
        assertFalse(browser.cookies.containsKey("nf_refresh"), "cookies cleared: " + out);
        assertEquals(400, useRefreshToken(refresh).status(), "the session's refresh token is revoked");
        Http.Res replay = browser().get("api/seams/whoami", "Cookie", "nf_refresh=" + refresh);
        assertTrue(replay.body().startsWith("anonymous"), "a replayed refresh cookie logs nobody in: " + replay);
    }

    @Test
    void requestLogoutByABearerCallerEndsThatSessionOnly() {
        String email = signUpViaApi();
        jakarta.json.JsonObject first =
                passwordLogin(browser(), email, PASSWORD).json();
        jakarta.json.JsonObject second =
                passwordLogin(browser(), email, PASSWORD).json();
        Http.Res out = browser()
                .postRaw(
                        "api/seams/logout",
                        "",
                        "Content-Type",
                        "text/plain",
                        "Authorization",
                        "Bearer " + first.getString("access_token"));
        assertEquals(200, out.status(), out.toString());
        assertTrue(out.setCookies().isEmpty(), "a bearer caller's cookies are not touched: " + out);
        assertEquals(400, useRefreshToken(first.getString("refresh_token")).status(), "its session ended");
        Http.Res stale = browser().get(ID + "user", "Authorization", "Bearer " + first.getString("access_token"));
        assertEquals(401, stale.status(), "its access token ended with it: " + stale);
        assertEquals(200, useRefreshToken(second.getString("refresh_token")).status(), "the other session lives");
    }

    /** A cookie session opened by Jakarta Security's authenticate, as the application above would. */
    private static void logInByGrant(Http browser, String email) {
        assertEquals(200, containerLogin(browser, email, PASSWORD).status());
        assertTrue(browser.cookies.containsKey("nf_refresh"));
    }
}
