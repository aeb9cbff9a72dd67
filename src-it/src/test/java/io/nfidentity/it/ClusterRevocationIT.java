package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.time.Instant;
import java.util.Map;
import java.util.function.IntSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes on one PostgreSQL: the sample deployed twice on the same WildFly (node A at {@code /}, node B at
 * {@code /node-b}), each with its own caches, sharing only the database, as two servers behind a load balancer do.
 * Each node caches a user's session state for an hour here ({@code nf.identity.session-state-ttl=3600}), so when node B
 * refuses a token that node A revoked, only the PostgreSQL notice can have told it. PostgreSQL only: on H2 there is
 * one node by design, and nothing to notify.
 */
@ExtendWith(ArquillianExtension.class)
class ClusterRevocationIT {
    private static final String ID = HttpTestBase.ID;
    private static final Map<String, String> LONG_CACHE = Map.of(
            "nf.identity.session-state-ttl", "3600",
            // passkeys for pages on localhost (browsers refuse an IP address as the relying party)
            "nf.identity.passkeys.rp-id", "localhost",
            "nf.identity.passkeys.origins", "http://localhost:8080");

    @Deployment(name = "a", order = 1, testable = false)
    static Archive<?> nodeA() {
        return Deployments.sample(LONG_CACHE);
    }

    @Deployment(name = "b", order = 2, testable = false)
    static EnterpriseArchive nodeB() {
        EnterpriseArchive ear = Deployments.sampleEar(LONG_CACHE);
        EnterpriseArchive renamed = org.jboss.shrinkwrap.api.ShrinkWrap.create(EnterpriseArchive.class, "node-b.ear");
        renamed.merge(ear);
        renamed.setApplicationXML(new StringAsset("<application xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                + " version=\"10\"><module><web><web-uri>" + Deployments.WAR + "</web-uri>"
                + "<context-root>/node-b</context-root></web></module><library-directory>lib</library-directory>"
                + "</application>"));
        return renamed;
    }

    @ArquillianResource
    @OperateOnDeployment("a")
    URL a;

    @ArquillianResource
    @OperateOnDeployment("b")
    URL b;

    @BeforeEach
    void onPostgres() {
        assumeTrue(
                "pg".equals(System.getProperty("it.db")), // the postgres profile's, whatever its datasource's name
                "notices between nodes need PostgreSQL (run with -Ppostgres)");
    }

    /** A confirmed user and its access token, from node A. */
    private String[] user() {
        String email = HttpTestBase.uniqueEmail();
        Http.Res signup =
                new Http(a).send("POST", ID + "signup", HttpTestBase.credentials(email, HttpTestBase.PASSWORD));
        assertEquals(200, signup.status(), signup.toString());
        Http.Res login = HttpTestBase.passwordLogin(new Http(a), email, HttpTestBase.PASSWORD);
        assertEquals(200, login.status(), login.toString());
        return new String[] {signup.json().getString("id"), login.json().getString("access_token"), email};
    }

    private int atB(String token) {
        // the sample's own resource: the mechanism and its cached session state, no database read of the user
        return new Http(b).get("api/user", "Authorization", "Bearer " + token).status();
    }

    /** Node B's answer, polled for at most ten seconds until it is 401. */
    private static int refusedEventually(IntSupplier status) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(10);
        int last;
        do {
            last = status.getAsInt();
            if (last == 401) {
                return last;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(end));
        return last;
    }

    /** Returns once the clock has passed into the next whole second. */
    private static void nextSecond() throws InterruptedException {
        long second = Instant.now().getEpochSecond();
        while (Instant.now().getEpochSecond() == second) {
            Thread.sleep(20);
        }
    }

    private Http.Res onA(String method, String path, String json, String token) {
        return new Http(a).send(method, ID + path, json, "Authorization", token);
    }

    @Test
    void logoutEverywhereOnOneNodeIsInForceOnTheOther() throws Exception {
        String[] u = user();
        assertEquals(200, atB(u[1]), "node B knows the user (and caches its state for an hour)");
        assertEquals(204, onA("POST", "logout", null, "Bearer " + u[1]).status());
        assertEquals(401, refusedEventually(() -> atB(u[1])));
    }

    @Test
    void suspensionDeletionAndRoleChangeOnOneNodeAreInForceOnTheOther() throws Exception {
        String operator = HttpTestBase.OPERATOR;
        String[] suspended = user();
        assertEquals(200, atB(suspended[1]));
        assertEquals(
                200,
                onA("PUT", "admin/users/" + suspended[0], "{\"ban_duration\":\"24h\"}", operator)
                        .status());
        assertEquals(401, refusedEventually(() -> atB(suspended[1])), "suspension");

        String[] deleted = user();
        assertEquals(200, atB(deleted[1]));
        assertEquals(
                200, onA("DELETE", "admin/users/" + deleted[0], null, operator).status());
        assertEquals(401, refusedEventually(() -> atB(deleted[1])), "deletion");

        String[] demoted = user();
        assertEquals(200, atB(demoted[1]));
        // a role change ends the tokens issued before its second (whole seconds, as exp): wait for the next one
        nextSecond();
        assertEquals(
                200,
                onA("PUT", "admin/users/" + demoted[0], "{\"app_metadata\":{\"roles\":[\"guest\"]}}", operator)
                        .status());
        assertEquals(401, refusedEventually(() -> atB(demoted[1])), "role change");
    }

    @Test
    void aPasswordChangeAndAnEndedSessionOnOneNodeAreInForceOnTheOther() throws Exception {
        String[] changed = user();
        assertEquals(200, atB(changed[1]));
        Http.Res pw = onA("PUT", "user", "{\"password\":\"a new password 123\"}", "Bearer " + changed[1]);
        assertEquals(200, pw.status(), pw.toString());
        assertEquals(401, refusedEventually(() -> atB(changed[1])), "password change");

        String[] ended = user();
        assertEquals(200, atB(ended[1]));
        assertEquals(
                200, onA("DELETE", "user/sessions", null, "Bearer " + ended[1]).status());
        assertEquals(401, refusedEventually(() -> atB(ended[1])), "sessions ended");
    }

    @Test
    void aFactorRemovedOnOneNodeRefusesItsLevelTwoTokenOnTheOther() throws Exception {
        String[] u = user();
        Http.Res enrolled = onA("POST", "factors", "{\"factor_type\":\"totp\"}", "Bearer " + u[1]);
        assertEquals(200, enrolled.status(), enrolled.toString());
        String factor = enrolled.json().getString("id");
        String secret = enrolled.json().getJsonObject("totp").getString("secret");
        Http.Res challenge = onA("POST", "factors/" + factor + "/challenge", null, "Bearer " + u[1]);
        Http.Res verified = onA(
                "POST",
                "factors/" + factor + "/verify",
                "{\"challenge_id\":\"" + challenge.json().getString("id") + "\",\"code\":\"" + FactorsIT.code(secret)
                        + "\"}",
                "Bearer " + u[1]);
        assertEquals(200, verified.status(), verified.toString());
        String levelTwo = verified.json().getString("access_token");
        assertEquals(200, atB(levelTwo), "node B serves the level-2 token (and caches the user's state)");
        assertEquals(
                200,
                onA("DELETE", "admin/users/" + u[0] + "/factors/" + factor, null, HttpTestBase.OPERATOR)
                        .status());
        assertEquals(401, refusedEventually(() -> atB(levelTwo)), "the factor's removal");
    }

    @Test
    void aPasskeySignInOnOneNodeIsHonouredOnTheOtherUntilThePasskeyIsRemoved() throws Exception {
        String[] u = user();
        org.openqa.selenium.WebDriver driver = Chromium.start(new Http(a));
        try {
            PasskeysIT.authenticator(driver);
            driver.get(a.toString().replace("127.0.0.1", "localhost") + "passkeys.html");
            Http.Res options = onA("POST", "passkeys/registration/options", "", "Bearer " + u[1]);
            assertEquals(200, options.status(), options.toString());
            Http.Res registered = onA(
                    "POST",
                    "passkeys/registration/verify",
                    "{\"credential\":" + PasskeysIT.inPage(driver, "createCredential", options.body()) + "}",
                    "Bearer " + u[1]);
            assertEquals(200, registered.status(), registered.toString());
            Http.Res signInOptions = new Http(a).send("POST", ID + "passkeys/authentication/options", "");
            Http.Res signedIn = new Http(a)
                    .send(
                            "POST",
                            ID + "passkeys/authentication/verify",
                            "{\"credential\":" + PasskeysIT.inPage(driver, "getAssertion", signInOptions.body()) + "}");
            assertEquals(200, signedIn.status(), signedIn.toString());
            String levelTwo = signedIn.json().getString("access_token");

            assertEquals(200, atB(levelTwo), "node B honours the session a passkey opened on node A");
            assertEquals(
                    200,
                    onA(
                                    "DELETE",
                                    "admin/users/" + u[0] + "/passkeys/"
                                            + registered.json().getString("id"),
                                    null,
                                    HttpTestBase.OPERATOR)
                            .status());
            assertEquals(401, refusedEventually(() -> atB(levelTwo)), "the passkey's removal");
        } finally {
            driver.quit();
        }
    }
}
