package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A logged-in user links a provider account to their own account ({@code POST /user/identities}, the account page's
 * "link"), through the real Keycloak, whose account holds another address. The attacks: a stolen session of
 * yesterday adding the thief's provider account as a backdoor, a cookie instead of the bearer, a link started by an
 * attacker and finished in the victim's browser, and a provider account that already belongs to someone else.
 */
@EnabledIf(value = Keycloak.FOUND, disabledReason = Keycloak.NOT_FOUND)
class IdentityLinkIT extends HttpTestBase {
    private static final String SITE = "https://site.example.com";

    @Deployment(testable = false)
    static Archive<?> deployment() {
        var settings = Keycloak.get().providerSettings();
        settings.put("nf.identity.external.redirect-uri", "http://127.0.0.1:8080/.netlify/identity/callback");
        return Deployments.sample(settings);
    }

    /** Starts a link in {@code browser} with the bearer's token; the answer (200: {@code {"url"}}). */
    private static Http.Res startLink(Http browser, String accessToken) {
        return browser.send(
                "POST",
                ID + "user/identities",
                "{\"provider\":\"keycloak\",\"redirect_to\":\"" + SITE + "/account\"}",
                "Authorization",
                "Bearer " + accessToken);
    }

    @Test
    void aFreshlyLoggedInUserLinksAProviderAccountWithAnotherAddressAndSignsInWithIt() {
        String email = signUpViaApi();
        Http browser = browser();
        String access = passwordLogin(browser, email, PASSWORD).json().getString("access_token");
        String other = signUpViaApi();
        String otherAccess = accessToken(other, PASSWORD);

        Http.Res started = startLink(browser, access);
        assertEquals(200, started.status(), started.toString());
        assertTrue(browser.cookies.containsKey("nf_oauth"), "the link is bound to this browser: " + started);
        Http.Res back = browser.get(
                ExternalSignInIT.logInAtKeycloak(started.json().getString("url"), "linker", "kc-password-linker-1"));
        assertTrue(back.header("Location").orElseThrow().startsWith(SITE + "/account#access_token="), back.toString());
        JsonObject me = userOf(ExternalSignInIT.fragment(back).get("access_token"));
        assertEquals(email, me.getString("email"), "signed in as the user who linked, not by the provider's address");
        assertTrue(
                me.getJsonObject("app_metadata")
                        .getJsonArray("providers")
                        .toString()
                        .contains("keycloak"),
                me.toString());
        assertEquals(
                0, usersWithEmail("linker.kc@elsewhere.example.org"), "no user was made of the provider's address");

        Http.Res later = ExternalSignInIT.signIn(browser(), "linker", "kc-password-linker-1", "");
        assertEquals(
                email,
                userOf(ExternalSignInIT.fragment(later).get("access_token")).getString("email"),
                "the provider account now signs in to the linked user");

        // another user cannot take that provider account over by linking it too
        Http thief = browser();
        Http.Res theirs = startLink(thief, otherAccess);
        assertEquals(200, theirs.status(), theirs.toString());
        Map<String, String> refused = ExternalSignInIT.fragment(thief.get(
                ExternalSignInIT.logInAtKeycloak(theirs.json().getString("url"), "linker", "kc-password-linker-1")));
        assertEquals("access_denied", refused.get("error"), refused.toString());
        assertFalse(
                userOf(otherAccess).getJsonObject("app_metadata").toString().contains("keycloak"),
                "the other user got nothing");
    }

    @Test
    void aSessionOfYesterdayOrACookieCannotAddAWayToSignIn() {
        String email = signUpViaApi();
        Http browser = browser();
        String access = passwordLogin(browser, email, PASSWORD).json().getString("access_token");
        browser().send("POST", "api/it/sessions/age?email=" + email + "&minutes=6", null);

        Http.Res stale = startLink(browser, access);
        assertEquals(401, stale.status(), stale.toString());
        assertEquals("reauthentication_needed", stale.json().getString("error_code"), stale.toString());
        assertFalse(browser.cookies.containsKey("nf_oauth"), "no authorization was started");

        Http cookies = browser();
        logIn(cookies, signUp(browser()), PASSWORD);
        Http.Res noBearer = cookies.send("POST", ID + "user/identities", "{\"provider\":\"keycloak\"}");
        assertEquals(401, noBearer.status(), "the API takes no cookie: " + noBearer);

        Http.Res unknown = browser()
                .send(
                        "POST",
                        ID + "user/identities",
                        "{\"provider\":\"myspace\"}",
                        "Authorization",
                        "Bearer " + accessToken(email, PASSWORD));
        assertEquals(400, unknown.status(), unknown.toString());
        assertEquals("unsupported_provider", unknown.json().getString("error_code"), unknown.toString());
    }

    @Test
    void aLinkStartedByAnAttackerCannotBeFinishedInTheVictimsBrowser() {
        String attacker = signUpViaApi();
        Http attackerBrowser = browser();
        Http.Res started = startLink(attackerBrowser, accessToken(attacker, PASSWORD));
        assertEquals(200, started.status(), started.toString());
        // the victim is lured to the authorization URL, signs in at the provider, and comes back without the cookie
        Http victimBrowser = browser();
        Map<String, String> f = ExternalSignInIT.fragment(victimBrowser.get(
                ExternalSignInIT.logInAtKeycloak(started.json().getString("url"), "grace", "kc-password-grace-1")));
        assertEquals("invalid_request", f.get("error"), f.toString());
        assertFalse(
                userOf(accessToken(attacker, PASSWORD))
                        .getJsonObject("app_metadata")
                        .toString()
                        .contains("keycloak"),
                "the victim's provider account was not linked to the attacker");
    }
}
