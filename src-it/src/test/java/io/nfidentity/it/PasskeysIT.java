package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys in headless Chromium with WebDriver's virtual authenticator (CTAP2, internal transport, resident keys, user
 * verification), on the sample's {@code passkeys.html}: a user signs up with a mailed code alone, adds a passkey, logs
 * out, signs in with the passkey alone and calls a {@code @RolesAllowed} resource with the cookie. Then the attacks,
 * each on the running server: a replayed assertion, a wrong origin, a wrong relying-party id, a deleted credential, a
 * suspended user, a registration challenge from another session, and a cloned authenticator (a counter going back).
 *
 * <p>The pages load from {@code localhost} (browsers refuse an IP address as a relying-party id); the relying party is
 * {@code localhost}, the allowed origins {@code http://localhost:8080} and {@code http://other.localhost:8080}.
 * Chromium resolves every {@code *.localhost} name to loopback, which gives the attacks their other origins.
 */
class PasskeysIT extends HttpTestBase {
    private static final Pattern CODE = Pattern.compile("<strong>([0-9]{6})</strong>");

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of(
                "nf.identity.passkeys.rp-id", "localhost",
                "nf.identity.passkeys.origins", "http://localhost:8080,http://other.localhost:8080",
                // an attack page loads from this name; the host check would refuse it before any passkey code
                "nf.identity.allowed-origins", "http://other.localhost:8080"));
    }

    private WebDriver driver;
    private VirtualAuthenticator authenticator;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** The sample under another loopback name. */
    private String at(String host) {
        java.net.URI base = http.base; // 127.0.0.1 on WildFly, localhost on Payara
        return base.getScheme() + "://" + host + ":" + base.getPort() + base.getPath();
    }

    private void open(String host) throws Exception {
        if (driver == null) {
            driver = Chromium.start(http);
            authenticator = authenticator(driver);
        }
        driver.get(at(host) + "passkeys.html");
    }

    /** WebDriver's virtual authenticator as a platform authenticator: CTAP2, resident keys, the user verified. */
    static VirtualAuthenticator authenticator(WebDriver driver) {
        return ((HasVirtualAuthenticator) driver)
                .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true));
    }

    private JsonObject click(String action) {
        String before = String.valueOf(driver.findElement(By.id("out")).getAttribute("data-done"));
        driver.findElement(By.id(action)).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            String done = d.findElement(By.id("out")).getAttribute("data-done");
            return done != null && !done.equals(before) && done.startsWith(action + ":");
        });
        return Json.createReader(
                        new StringReader(driver.findElement(By.id("out")).getText()))
                .readObject();
    }

    private JsonObject ok(String action) {
        JsonObject r = click(action);
        assertTrue(r.getBoolean("ok"), action + " failed in the browser: " + r);
        return r.getJsonObject("result");
    }

    private void type(String id, String value) {
        driver.findElement(By.id(id)).clear();
        driver.findElement(By.id(id)).sendKeys(value);
    }

    private String inPage(String function, String optionsJson) {
        return inPage(driver, function, optionsJson);
    }

    /** Runs the passkey module's function in the page and answers its JSON (the credential, not sent). */
    static String inPage(WebDriver driver, String function, String optionsJson) {
        Object result = ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "import('./.netlify/identity/ui/passkeys.js')"
                                + ".then(m => m." + function + "(JSON.parse(arguments[0])))"
                                + ".then(c => done(JSON.stringify(c)), e => done('error: ' + e.name + ' ' + e.message));",
                        optionsJson);
        assertTrue(!String.valueOf(result).startsWith("error:"), function + " in the browser: " + result);
        return String.valueOf(result);
    }

    private Http.Res post(String path, String body, String... headers) {
        return browser().send("POST", ID + path, body, headers);
    }

    private String signInOptions() {
        Http.Res r = post("passkeys/authentication/options", "");
        assertEquals(200, r.status(), r.toString());
        return r.body();
    }

    private Http.Res verifyAssertion(String credential) {
        return post("passkeys/authentication/verify", "{\"credential\":" + credential + "}");
    }

    /** A user signed up with a mailed code in the page, who added a passkey there; answers the access token. */
    private String userWithPasskey(String email) throws Exception {
        open("localhost");
        type("email", email);
        ok("send");
        Matcher c = CODE.matcher(Mailbox.await(mail, email, 1).body());
        assertTrue(c.find(), "a code in the mail");
        type("code", c.group(1));
        ok("verify");
        JsonObject passkey = ok("register");
        assertEquals("This device", passkey.getString("friendly_name"), passkey.toString());
        // a bearer token for the test's own calls: a passkey sign-in, its assertion made in the page, sent from here
        Http.Res in = verifyAssertion(inPage("getAssertion", signInOptions()));
        assertEquals(200, in.status(), in.toString());
        return in.json().getString("access_token");
    }

    @Test
    void aUserSignsUpWithACodeAddsAPasskeyAndFromThenOnSignsInWithThePasskeyAlone() throws Exception {
        String email = uniqueEmail();
        userWithPasskey(email);
        assertEquals("", passwordHash(email), "no password was ever set");
        assertEquals(1, ok("list").getJsonArray("passkeys").size(), "GET /passkeys lists it");

        assertEquals(204, ok("logout").getInt("status"));
        assertEquals(401, ok("member").getInt("status"), "logged out: the member area refuses");
        JsonObject in = ok("signin");

        assertEquals(email, in.getString("email"));
        assertEquals("aal2", in.getString("aal"), "a passkey that verified its user is two factors: " + in);
        assertEquals("webauthn", in.getJsonArray("amr").getJsonObject(0).getString("method"), in.toString());
        JsonObject member = ok("member");
        assertEquals(200, member.getInt("status"), "@RolesAllowed lets the passkey's cookie in: " + member);
        Http.Res audit = browser().get(ID + "admin/audit?action=login&per_page=100", "Authorization", OPERATOR);
        assertTrue(audit.body().contains("\"provider\":\"webauthn\""), "the sign-in is audited with its method");
    }

    @Test
    void aReplayedAssertionIsRefused() throws Exception {
        userWithPasskey(uniqueEmail());
        String assertion = inPage("getAssertion", signInOptions());

        assertEquals(200, verifyAssertion(assertion).status(), "the first use signs in");
        Http.Res replay = verifyAssertion(assertion);

        assertEquals(401, replay.status(), "its challenge is spent: " + replay);
        assertEquals("passkey_verification_failed", replay.json().getString("error_code"));
    }

    /**
     * The relying party is {@code localhost}, which only pages on {@code localhost} may claim (the browser refuses any
     * other host); an origin is the host and the port, so the other origin is {@code localhost} on another port: a
     * plain server of the test's own, serving a blank page and the passkey module.
     */
    @Test
    void anAssertionMadeOnAnotherOriginIsRefused() throws Exception {
        userWithPasskey(uniqueEmail());
        byte[] module = browser().get(ID + "ui/passkeys.js").body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        com.sun.net.httpserver.HttpServer other =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            boolean js = exchange.getRequestURI().getPath().endsWith(".js");
            byte[] body = js ? module : "<!doctype html><title>elsewhere</title>".getBytes();
            exchange.getResponseHeaders().add("Content-Type", js ? "text/javascript" : "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        try {
            driver.get("http://localhost:" + other.getAddress().getPort() + "/attack.html");
            String assertion = inPage("getAssertion", signInOptions());

            Http.Res r = verifyAssertion(assertion);

            assertEquals(401, r.status(), "signed for an origin the server does not allow: " + r);
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aCredentialMadeForAnotherRelyingPartyIsRefused() throws Exception {
        String token = userWithPasskey(uniqueEmail());
        driver.get(at("other.localhost") + "passkeys.html"); // an allowed origin, whose own host is no relying party
        Http.Res options = post("passkeys/registration/options", "", "Authorization", "Bearer " + token);
        assertEquals(200, options.status(), options.toString());
        String forged = options.body().replace("\"id\":\"localhost\"", "\"id\":\"other.localhost\"");

        Http.Res r = post(
                "passkeys/registration/verify",
                "{\"credential\":" + inPage("createCredential", forged) + "}",
                "Authorization",
                "Bearer " + token);

        assertEquals(401, r.status(), "the relying-party id hash is not ours: " + r);
        assertEquals(
                1,
                browser()
                        .get(ID + "passkeys", "Authorization", "Bearer " + token)
                        .jsonArray()
                        .size(),
                "nothing stored");
    }

    @Test
    void aDeletedPasskeyNoLongerSignsIn() throws Exception {
        String token = userWithPasskey(uniqueEmail());
        String id = browser()
                .get(ID + "passkeys", "Authorization", "Bearer " + token)
                .jsonArray()
                .getJsonObject(0)
                .getString("id");

        Http.Res deleted = browser().send("DELETE", ID + "passkeys/" + id, null, "Authorization", "Bearer " + token);
        assertEquals(200, deleted.status(), deleted.toString());
        Http.Res stale = browser().get(ID + "user", "Authorization", "Bearer " + token);
        assertEquals(401, stale.status(), "the level-2 token of that passkey's sign-in died with it: " + stale);

        Http.Res r = verifyAssertion(inPage("getAssertion", signInOptions()));
        assertEquals(401, r.status(), "the browser still offers it; the server no longer knows it: " + r);
    }

    @Test
    void aUserRenamesTheirPasskeyAndAnAdministratorListsAndRemovesAnotherUsersOne() throws Exception {
        String token = userWithPasskey(uniqueEmail());
        String userId = userOf(token).getString("id");
        String id = browser()
                .get(ID + "passkeys", "Authorization", "Bearer " + token)
                .jsonArray()
                .getJsonObject(0)
                .getString("id");

        Http.Res renamed = browser()
                .send(
                        "PATCH",
                        ID + "passkeys/" + id,
                        "{\"friendly_name\":\"Work laptop\"}",
                        "Authorization",
                        "Bearer " + token);
        assertEquals(200, renamed.status(), renamed.toString());
        Http.Res asAdmin = browser().get(ID + "admin/users/" + userId + "/passkeys", "Authorization", OPERATOR);
        assertEquals(200, asAdmin.status(), asAdmin.toString());
        assertEquals("Work laptop", asAdmin.jsonArray().getJsonObject(0).getString("friendly_name"));
        assertTrue(!asAdmin.body().contains("credential"), "no credential id or key leaves: " + asAdmin);
        String other = anotherUsersToken();
        Http.Res foreign = browser()
                .send(
                        "PATCH",
                        ID + "passkeys/" + id,
                        "{\"friendly_name\":\"mine now\"}",
                        "Authorization",
                        "Bearer " + other);
        assertEquals(404, foreign.status(), "another user's passkey reads as unknown: " + foreign);

        Http.Res removed = browser()
                .send("DELETE", ID + "admin/users/" + userId + "/passkeys/" + id, null, "Authorization", OPERATOR);
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(
                0,
                browser()
                        .get(ID + "admin/users/" + userId + "/passkeys", "Authorization", OPERATOR)
                        .jsonArray()
                        .size());
    }

    /** An access token of a second, unrelated user (a password login). */
    private String anotherUsersToken() {
        return accessToken(signUpViaApi(), PASSWORD);
    }

    @Test
    void aSuspendedUserCannotSignInWithAPasskey() throws Exception {
        String email = uniqueEmail();
        String token = userWithPasskey(email);
        String id = userOf(token).getString("id");
        Http.Res ban = browser()
                .send("PUT", ID + "admin/users/" + id, "{\"ban_duration\":\"24h\"}", "Authorization", OPERATOR);
        assertEquals(200, ban.status(), ban.toString());

        Http.Res r = verifyAssertion(inPage("getAssertion", signInOptions()));

        assertEquals(403, r.status(), r.toString());
        assertEquals("user_banned", r.json().getString("error_code"), r.toString());
    }

    @Test
    void aRegistrationChallengeFromAnotherSessionIsRefused() throws Exception {
        String email = uniqueEmail();
        String first = userWithPasskey(email);
        // a second session of the same user, at level 2 (the passkey), that did not ask for the challenge
        String second = Json.createReader(new StringReader(
                        verifyAssertion(inPage("getAssertion", signInOptions())).body()))
                .readObject()
                .getString("access_token");
        Http.Res options = post("passkeys/registration/options", "", "Authorization", "Bearer " + first);
        assertEquals(200, options.status(), options.toString());
        // a new authenticator for the new credential (the first one holds the user's passkey already)
        ((HasVirtualAuthenticator) driver).removeVirtualAuthenticator(authenticator);
        authenticator = authenticator(driver);
        String credential = inPage("createCredential", options.body());

        Http.Res r = post(
                "passkeys/registration/verify",
                "{\"credential\":" + credential + "}",
                "Authorization",
                "Bearer " + second);

        assertEquals(401, r.status(), "another session's challenge: " + r);
        assertEquals(
                1,
                browser()
                        .get(ID + "passkeys", "Authorization", "Bearer " + second)
                        .jsonArray()
                        .size());
    }

    @Test
    void aClonedAuthenticatorWhoseCounterGoesBackIsRefusedAndAudited() throws Exception {
        String email = uniqueEmail();
        userWithPasskey(email);
        assertEquals(
                200, verifyAssertion(inPage("getAssertion", signInOptions())).status());
        List<Credential> held = authenticator.getCredentials();
        assertEquals(1, held.size());
        Credential original = held.get(0);
        assertTrue(original.getSignCount() > 1, "the counter moved: " + original.getSignCount());
        // the clone: the same key, its counter back at zero
        authenticator.removeAllCredentials();
        authenticator.addCredential(Credential.createResidentCredential(
                original.getId(), "localhost", original.getPrivateKey(), original.getUserHandle(), 0));

        Http.Res r = verifyAssertion(inPage("getAssertion", signInOptions()));

        assertEquals(401, r.status(), r.toString());
        Http.Res audit = browser()
                .get(ID + "admin/audit?action=passkey_counter_regressed&per_page=100", "Authorization", OPERATOR);
        assertTrue(audit.body().contains(email), "audited: " + audit);
    }

    @Test
    void signInOptionsAreTheSameForEveryoneAndNameNoCredential() {
        JsonObject a = Json.createReader(new StringReader(signInOptions())).readObject();
        JsonObject b = Json.createReader(new StringReader(signInOptions())).readObject();

        assertEquals(a.keySet(), b.keySet());
        assertEquals(0, a.getJsonArray("allowCredentials").size());
        assertEquals("localhost", a.getString("rpId"));
        assertEquals("required", a.getString("userVerification"));
        assertTrue(!a.getString("challenge").equals(b.getString("challenge")), "a fresh challenge each time");
    }

    @Test
    void badBodiesGetClearErrors() {
        assertEquals(422, post("passkeys/authentication/verify", "{}").status());
        assertEquals(
                401,
                post("passkeys/authentication/verify", "{\"credential\":{\"id\":\"x\"}}")
                        .status());
        assertEquals(401, post("passkeys/registration/options", "").status(), "registration needs a bearer token");
    }
}
