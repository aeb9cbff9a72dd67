package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GoTrue's webhook against a real Node process that runs unmodified Netlify identity functions
 * ({@code src/test/node/hooks/functions}: {@code identity-signup} gives a role, {@code identity-validate} refuses a
 * domain and hangs for another, {@code identity-login} answers 204) and checks every call's signature with
 * {@code jsonwebtoken} from npm, as a receiver does. Skips where Node and npm are not installed.
 */
class WebhooksIT extends HttpTestBase {
    static final int PORT = 9797;
    static final String SECRET = "it-webhook-secret-0123456789abcdefghijklmnop";

    private static Process node;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of(
                "nf.identity.webhook.url",
                "http://127.0.0.1:" + PORT + "/",
                "nf.identity.webhook.secret",
                SECRET,
                "nf.identity.webhook.timeout",
                "1",
                "nf.identity.webhook.retries",
                "2"));
    }

    @BeforeAll
    static void startFunctions() throws Exception {
        node = NodeHooks.start("server.js", PORT, SECRET, "/received");
    }

    @AfterAll
    static void stopFunctions() {
        if (node != null) {
            node.destroy();
        }
    }

    /** What the functions' server received, by event. */
    private static JsonObject received() {
        return NodeHooks.get(PORT, "/received");
    }

    private Http.Res signup(String email) {
        return browser().send("POST", ID + "signup", credentials(email, PASSWORD));
    }

    @Test
    void anUnchangedIdentitySignupFunctionSetsTheRolesOfTheFirstToken() {
        JsonObject before = received();
        String email = uniqueEmail();

        Http.Res r = signup(email);

        assertEquals(200, r.status(), r.toString());
        String token = r.json().getString("access_token");
        String claims = Jwts.decodePayload(token);
        assertTrue(claims.contains("\"subscriber\""), "the function's role is in the first token: " + claims);
        assertTrue(userMetadata(email).contains("\"validated\":true"), "identity-validate's metadata was stored");
        JsonObject after = received();
        assertEquals(before.getInt("validate") + 1, after.getInt("validate"));
        assertEquals(before.getInt("signup") + 1, after.getInt("signup"));
        assertEquals(0, after.getInt("bad_signature"), "every call's signature checked out with jsonwebtoken");
    }

    @Test
    void aDomainTheValidateFunctionRefusesGets401AndLeavesNoUser() {
        String email = "someone-" + java.util.UUID.randomUUID() + "@blocked.example.com";

        Http.Res r = signup(email);

        assertEquals(401, r.status(), r.toString());
        assertEquals("denied", r.json().getString("error_code"), r.toString());
        assertEquals("Signups from this domain are not allowed", r.json().getString("msg"), r.toString());
        assertEquals(0, usersWithEmail(email), "nothing stored");
    }

    @Test
    void aHookThatDoesNotAnswerInTimeIsTriedAgainThenDeniesAndLeavesNoUser() {
        JsonObject before = received();
        String email = "someone-" + java.util.UUID.randomUUID() + "@slow.example.com";

        Http.Res r = signup(email);

        assertEquals(401, r.status(), r.toString());
        assertEquals(0, usersWithEmail(email), "nothing half done");
        assertEquals(before.getInt("validate") + 2, received().getInt("validate"), "two tries (retries=2)");
    }

    @Test
    void aLoginFunctionAnswering204LetsTheLoginGoOn() {
        String email = uniqueEmail();
        assertEquals(200, signup(email).status());
        JsonObject before = received();

        Http.Res login = passwordLogin(browser(), email, PASSWORD);

        assertEquals(200, login.status(), login.toString());
        assertTrue(Jwts.decodePayload(login.json().getString("access_token")).contains("\"subscriber\""));
        assertEquals(before.getInt("login") + 1, received().getInt("login"));
    }

    @Test
    void netlifysBrowserClientSignsUpAndItsFirstLoginCarriesTheFunctionsRole() throws Exception {
        org.openqa.selenium.WebDriver driver = Chromium.start(http);
        try {
            driver.get(http.base + "client.html");
            String email = uniqueEmail();
            type(driver, "email", email);
            type(driver, "password", PASSWORD);

            JsonObject signup = click(driver, "signup");
            JsonObject login = click(driver, "login");

            assertTrue(signup.getBoolean("ok"), signup.toString());
            assertTrue(login.getBoolean("ok"), login.toString());
            assertTrue(
                    login.getJsonObject("result")
                            .getJsonArray("roles")
                            .toString()
                            .contains("subscriber"),
                    "@netlify/identity sees the role identity-signup set: " + login);
        } finally {
            driver.quit();
        }
    }

    private static void type(org.openqa.selenium.WebDriver driver, String id, String value) {
        driver.findElement(org.openqa.selenium.By.id(id)).clear();
        driver.findElement(org.openqa.selenium.By.id(id)).sendKeys(value);
    }

    /** Clicks a button of client.html and returns the JSON the page wrote for that action. */
    private static JsonObject click(org.openqa.selenium.WebDriver driver, String action) {
        org.openqa.selenium.By out = org.openqa.selenium.By.id("out");
        String before = String.valueOf(driver.findElement(out).getAttribute("data-done"));
        driver.findElement(org.openqa.selenium.By.id(action)).click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            String done = d.findElement(out).getAttribute("data-done");
            return done != null && !done.equals(before) && done.startsWith(action + ":");
        });
        return Json.createReader(new StringReader(driver.findElement(out).getText()))
                .readObject();
    }
}
