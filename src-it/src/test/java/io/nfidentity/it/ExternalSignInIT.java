package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Sign-in through a real OpenID Connect provider: Keycloak, started once for the run, driven over HTTP through its
 * own login form, as a browser would. The whole path (authorize, Keycloak's login, callback, the site with GoTrue's
 * fragment and cookies), linking and its refusals, and the attacks on state, code and redirect.
 */
@EnabledIf(value = Keycloak.FOUND, disabledReason = Keycloak.NOT_FOUND)
class ExternalSignInIT extends HttpTestBase {
    private static final String SITE = "https://site.example.com";

    @org.junit.jupiter.api.extension.RegisterExtension
    static com.icegreen.greenmail.junit5.GreenMailExtension mail = new com.icegreen.greenmail.junit5.GreenMailExtension(
                    com.icegreen.greenmail.util.ServerSetupTest.SMTP)
            .withPerMethodLifecycle(false);

    @Deployment(testable = false)
    static Archive<?> deployment() {
        var settings = Keycloak.get().providerSettings();
        settings.put("nf.identity.external.redirect-uri", "http://127.0.0.1:8080/.netlify/identity/callback");
        return Deployments.sample(settings);
    }

    /** Keycloak's side of the browser: its own cookie jar. */
    private static Http keycloakBrowser() {
        try {
            return new Http(URI.create(Keycloak.get().base() + "/").toURL());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code /authorize} in the browser: the provider's URL it is sent to. */
    static String authorize(Http browser, String query, String... headers) {
        Http.Res r = browser.get(ID + "authorize?provider=keycloak" + query, headers);
        assertEquals(302, r.status(), r.toString());
        assertTrue(browser.cookies.containsKey("nf_oauth"), "the authorization is bound to the browser: " + r);
        return r.header("Location").orElseThrow();
    }

    /** Logs in on Keycloak's own form; the URL Keycloak sends the browser back to (our callback). */
    static String logInAtKeycloak(String authorizeUrl, String username, String password) {
        Http kc = keycloakBrowser();
        Http.Res form = kc.get(authorizeUrl);
        assertEquals(200, form.status(), form.toString());
        Matcher action = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"")
                .matcher(form.body());
        if (!action.find()) {
            action = Pattern.compile("action=\"([^\"]+)\"").matcher(form.body());
            assertTrue(action.find(), "no login form: " + form.body());
        }
        String url = action.group(1).replace("&amp;", "&");
        Http.Res posted = kc.postRaw(
                url,
                "username=" + username + "&password=" + password + "&credentialId=",
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertEquals(302, posted.status(), "Keycloak's login: " + posted);
        String back = posted.header("Location").orElseThrow();
        assertTrue(back.startsWith("http://127.0.0.1:8080/.netlify/identity/callback?"), back);
        return back;
    }

    /** The whole sign-in in one browser; the callback's answer. */
    static Http.Res signIn(Http browser, String username, String password, String query) {
        String callback = logInAtKeycloak(authorize(browser, query), username, password);
        return browser.get(callback);
    }

    /** The fragment of a redirect to the site, decoded. */
    static Map<String, String> fragment(Http.Res r) {
        assertEquals(302, r.status(), r.toString());
        String location = r.header("Location").orElseThrow();
        int hash = location.indexOf('#');
        assertTrue(hash > 0, "no fragment: " + location);
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : location.substring(hash + 1).split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void aNewUserSignsUpThroughKeycloakAndLandsOnTheSiteWithGoTruesFragmentAndCookies() {
        Http browser = browser();
        Http.Res done = signIn(browser, "ada", "kc-password-ada-1", "");
        assertTrue(done.header("Location").orElseThrow().startsWith(SITE + "#access_token="), done.toString());
        Map<String, String> f = fragment(done);
        assertEquals("bearer", f.get("token_type"));
        assertEquals("3600", f.get("expires_in"));
        assertFalse(f.get("refresh_token").isEmpty());
        JsonObject user = userOf(f.get("access_token"));
        assertEquals("ada.kc@it.example.com", user.getString("email"));
        assertEquals("keycloak", user.getJsonObject("app_metadata").getString("provider"));
        assertEquals(
                "[\"keycloak\"]",
                user.getJsonObject("app_metadata").getJsonArray("providers").toString());
        assertEquals("Ada Lovelace", user.getJsonObject("user_metadata").getString("full_name"));
        assertFalse(user.isNull("confirmed_at"), "the provider vouched for the address");
        assertTrue(browser.cookies.containsKey("nf_jwt") && browser.cookies.containsKey("nf_refresh"));
        assertFalse(browser.cookies.containsKey("nf_oauth"), "the binding cookie is cleared");
        assertEquals(200, browser.get("api/user").status(), "the cookie session works on the site's own pages");
        String events =
                browser().get("api/it/events?email=ada.kc@it.example.com").body();
        assertTrue(events.contains("UserValidate") && events.contains("UserSignup"), events);

        // again: the same user, found by Keycloak's subject, with a login event and a session named after it
        Http.Res again = signIn(browser(), "ada", "kc-password-ada-1", "");
        JsonObject same = userOf(fragment(again).get("access_token"));
        assertEquals(user.getString("id"), same.getString("id"));
        assertTrue(browser()
                .get("api/it/events?email=ada.kc@it.example.com")
                .body()
                .contains("UserLogin"));
        assertEquals(
                1,
                Long.parseLong(browser()
                        .get("api/it/identities?email=ada.kc@it.example.com")
                        .body()));
        Http.Res sessions = browser()
                .get(
                        ID + "user/sessions",
                        "Authorization",
                        "Bearer " + fragment(again).get("access_token"));
        assertTrue(sessions.body().contains("\"method\":\"keycloak\""), sessions.body());
    }

    /** An attacker's session on an account: its tokens from a password login. */
    record Held(String access, String refresh) {}

    Held holdSession(String email, String password) {
        Http.Res r = passwordLogin(browser(), email, password);
        assertEquals(200, r.status(), "the attacker's login: " + r);
        return new Held(r.json().getString("access_token"), r.json().getString("refresh_token"));
    }

    /** Everything the attacker held is gone: the password, the sessions, their tokens. */
    void assertAttackerLockedOut(String email, String password, Held held) {
        assertEquals(
                400,
                passwordLogin(browser(), email, password).status(),
                "the password that never proved the mailbox no longer logs in");
        Http.Res refreshed = browser()
                .postRaw(
                        ID + "token",
                        "grant_type=refresh_token&refresh_token=" + held.refresh(),
                        "Content-Type",
                        "application/x-www-form-urlencoded");
        assertEquals(400, refreshed.status(), "the attacker's session ended: " + refreshed);
        assertEquals(
                401,
                browser()
                        .get(ID + "user", "Authorization", "Bearer " + held.access())
                        .status(),
                "the attacker's access token is refused");
    }

    @Test
    void aVerifiedProviderAddressTakesAnAutoconfirmedSignupOverFromItsPassword() {
        // the attacker registers the owner's address first (the suite's server autoconfirms) and keeps a session
        String email = "grace.kc@it.example.com";
        Http.Res signup = attackerSignup(email);
        String id = signup.json().getString("id");
        Held held = holdSession(email, PASSWORD);

        JsonObject user = userOf(
                fragment(signIn(browser(), "grace", "kc-password-grace-1", "")).get("access_token"));

        assertEquals(id, user.getString("id"), "the owner gets the account, not a second one");
        assertEquals(
                "[\"email\",\"keycloak\"]",
                user.getJsonObject("app_metadata").getJsonArray("providers").toString());
        assertFalse(user.getJsonObject("user_metadata").containsKey("full_name"), "the attacker's metadata is gone");
        assertAttackerLockedOut(email, PASSWORD, held);
        assertEquals("", passwordHash(email), "no password is left");
        Mailbox.Mail notice = Mailbox.await(mail, email, 1);
        assertEquals("A new way to sign in was added to your account", notice.subject(), notice.toString());
    }

    @Test
    void anImportedUsersPasswordIsDroppedWhenTheProviderProvesTheMailbox() {
        String email = "imogen.kc@it.example.com";
        Http.Res imported = browser()
                .postRaw(
                        ID + "admin/users/import",
                        "{\"email\":\"" + email + "\",\"password_hash\":\"" + PasswordImportIT.BCRYPT_HASH
                                + "\",\"confirmed_at\":\"2020-01-02T03:04:05Z\"}",
                        "Content-Type",
                        "application/x-ndjson",
                        "Authorization",
                        OPERATOR);
        assertEquals(200, imported.status(), imported.toString());
        assertEquals(1, imported.json().getJsonNumber("imported").longValue(), imported.toString());
        Held held = holdSession(email, PASSWORD);

        JsonObject user = userOf(fragment(signIn(browser(), "imogen", "kc-password-imogen-1", ""))
                .get("access_token"));

        assertEquals(email, user.getString("email"));
        assertAttackerLockedOut(email, PASSWORD, held);
        assertEquals(
                "A new way to sign in was added to your account",
                Mailbox.await(mail, email, 1).subject());
    }

    @Test
    void anUnverifiedProviderAddressNeverLinksToTheUserWhoOwnsIt() {
        String victim = "victim.kc@it.example.com";
        assertEquals(
                200,
                browser()
                        .send("POST", ID + "signup", credentials(victim, PASSWORD))
                        .status());
        Http.Res r = signIn(browser(), "mallory", "kc-password-mallory-1", "");
        Map<String, String> f = fragment(r);
        assertEquals("access_denied", f.get("error"), r.toString());
        assertFalse(f.containsKey("access_token"));
        assertTrue(r.header("Location").orElseThrow().startsWith(SITE + "#error="));
        assertEquals(
                0,
                Long.parseLong(
                        browser().get("api/it/identities?email=" + victim).body()));
    }

    @Test
    void anObserversDenyEndsOnTheSiteAsAccessDeniedAndStoresNothing() {
        Http.Res r = signIn(browser(), "denied", "kc-password-denied-1", "");
        Map<String, String> f = fragment(r);
        assertEquals("access_denied", f.get("error"));
        assertEquals("Denied by test observer", f.get("error_description"));
        assertEquals(0, usersWithEmail("deny-uservalidate-kc@it.example.com"));
    }

    @Test
    void aCallbackInAnotherBrowserWithoutStateOrReplayedIsRefused() {
        Http victim = browser();
        String callback = logInAtKeycloak(authorize(victim, ""), "repeat", "kc-password-repeat-1");
        // the attacker's browser, without the victim's binding cookie (login CSRF, or a stolen callback URL)
        Map<String, String> stolen = fragment(browser().get(callback));
        assertEquals("invalid_request", stolen.get("error"));
        // the state is spent: the victim's own browser cannot use it either, and nobody got a session
        assertEquals("invalid_request", fragment(victim.get(callback)).get("error"));
        assertFalse(victim.cookies.containsKey("nf_jwt"));

        assertEquals(
                "invalid_request",
                fragment(browser().get(ID + "callback?code=abc")).get("error"),
                "no state");
        assertEquals(
                "invalid_request",
                fragment(browser().get(ID + "callback?code=abc&state=made-up-state"))
                        .get("error"),
                "unknown state");

        Http replayer = browser();
        String good = logInAtKeycloak(authorize(replayer, ""), "repeat", "kc-password-repeat-1");
        String cookie = replayer.cookies.get("nf_oauth");
        assertTrue(fragment(replayer.get(good)).containsKey("access_token"));
        replayer.cookies.put("nf_oauth", cookie); // the binding cookie kept, the callback sent again
        assertEquals("invalid_request", fragment(replayer.get(good)).get("error"), "replayed state");
    }

    @Test
    void anAuthorizationCodeWorksOnce() {
        Http browser = browser();
        String first = logInAtKeycloak(authorize(browser, ""), "repeat", "kc-password-repeat-1");
        assertTrue(fragment(browser.get(first)).containsKey("access_token"));
        String code = query(first).get("code");
        // a new authorization in the same browser, completed with the spent code
        String second = authorize(browser, "");
        String state = query(second).get("state");
        Map<String, String> f = fragment(browser.get(ID + "callback?state=" + state + "&code=" + code));
        assertEquals("access_denied", f.get("error"), f.toString());
    }

    @Test
    void redirectToIsHonouredOnlyForTheSiteAndAllowedOrigins() {
        Http.Res evil = signIn(browser(), "repeat", "kc-password-repeat-1", "&redirect_to=https://evil.example.net/x");
        assertTrue(evil.header("Location").orElseThrow().startsWith(SITE + "#access_token="), evil.toString());
        Http.Res app =
                signIn(browser(), "repeat", "kc-password-repeat-1", "&redirect_to=https://app.example.com/after");
        assertTrue(
                app.header("Location").orElseThrow().startsWith("https://app.example.com/after#access_token="),
                app.toString());
        Http.Res tricky = signIn(
                browser(), "repeat", "kc-password-repeat-1", "&redirect_to=https://site.example.com@evil.example.net/");
        assertTrue(tricky.header("Location").orElseThrow().startsWith(SITE + "#access_token="), tricky.toString());
    }

    @Test
    void withoutRedirectToThePageTheSignInStartedFromIsHonouredOnlyOnTheSite() {
        Http browser = browser();
        String back = logInAtKeycloak(
                authorize(browser, "", "Referer", "https://site.example.com/widget.html?x=1"),
                "repeat",
                "kc-password-repeat-1");
        Http.Res page = browser.get(back);
        assertTrue(
                page.header("Location")
                        .orElseThrow()
                        .startsWith("https://site.example.com/widget.html?x=1#access_token="),
                page.toString());
        Http foreign = browser();
        Http.Res evil = foreign.get(logInAtKeycloak(
                authorize(foreign, "", "Referer", "https://evil.example.net/steal"), "repeat", "kc-password-repeat-1"));
        assertTrue(evil.header("Location").orElseThrow().startsWith(SITE + "#access_token="), evil.toString());
        Http both = browser();
        Http.Res explicit = both.get(logInAtKeycloak(
                authorize(both, "&redirect_to=https://app.example.com/after", "Referer", "https://site.example.com/w"),
                "repeat",
                "kc-password-repeat-1"));
        assertTrue(
                explicit.header("Location").orElseThrow().startsWith("https://app.example.com/after#access_token="),
                "redirect_to comes first: " + explicit);
    }

    @Test
    void settingsListTheConfiguredProviderAndAnUnknownOneIsRefused() {
        JsonObject settings = browser().get(ID + "settings").json();
        assertTrue(settings.getJsonObject("external").getBoolean("keycloak"));
        assertFalse(settings.getJsonObject("external").getBoolean("github"));
        assertEquals("Keycloak", settings.getJsonObject("external_labels").getString("keycloak"));

        Http.Res r = browser().get(ID + "authorize?provider=github");
        assertEquals(400, r.status(), r.toString());
        assertEquals(400, r.json().getInt("code"));
        assertNotEquals(-1, r.json().getString("msg").indexOf("Unsupported provider"));
        assertEquals(400, browser().get(ID + "authorize").status(), "no provider");
    }

    @Test
    void anInvitationIsAcceptedThroughTheProviderWithTheInvitedAddressOnly() {
        String invitee = "invitee.kc@it.example.com";
        Http.Res invited =
                browser().send("POST", ID + "invite", "{\"email\":\"" + invitee + "\"}", "Authorization", OPERATOR);
        assertEquals(200, invited.status(), invited.toString());
        String token = Mailbox.await(mail, invitee, 1).token("invite_token");

        // another provider account (another address) cannot take the invitation
        Map<String, String> wrong =
                fragment(signIn(browser(), "grace", "kc-password-grace-1", "&invite_token=" + token));
        assertEquals("access_denied", wrong.get("error"), wrong.toString());
        assertTrue(wrong.get("error_description").contains("does not match"), wrong.toString());

        // the refusal rolled back: the invitation still works for its own address
        Map<String, String> ok =
                fragment(signIn(browser(), "invitee", "kc-password-invitee-1", "&invite_token=" + token));
        JsonObject user = userOf(ok.get("access_token"));
        assertEquals(invited.json().getString("id"), user.getString("id"));
        assertFalse(user.isNull("confirmed_at"), "accepting the invitation confirms the user");
        assertTrue(user.getJsonObject("app_metadata")
                .getJsonArray("providers")
                .toString()
                .contains("keycloak"));

        Map<String, String> again =
                fragment(signIn(browser(), "invitee", "kc-password-invitee-1", "&invite_token=" + token));
        assertEquals("invalid_request", again.get("error"), "an invitation is accepted once: " + again);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
