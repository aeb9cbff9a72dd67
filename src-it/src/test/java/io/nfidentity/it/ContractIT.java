package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API held to its OpenAPI document by a real validating proxy: every request goes through Prism
 * ({@link Prism}), which checks it and its answer against the document the server serves. First every operation of
 * the document is used as a client uses it, and neither request nor answer may depart from the document; then the
 * document drives a fuzz run ({@link ContractFuzz}) of malformed requests, whose answers must all be documented
 * and none a 5xx. Skips where Node and npm are not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractIT extends HttpTestBase {
    static final String METRICS = "it-contract-metrics-token-0123456789abcdef";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of("nf.identity.metrics.token", METRICS, "nf.identity.console.enabled", "true"));
    }

    private static Prism prism;
    /** The document's operations a valid request reached, across the test methods. */
    private static final Set<String> covered = new ConcurrentSkipListSet<>();

    private Http api;

    @BeforeEach
    void throughPrism() throws Exception {
        if (prism == null) {
            prism = Prism.start(http.base + ID); // http.base: on loopback, as every request of the suite
        }
        api = new Http(new URL(Prism.base()));
    }

    @AfterAll
    static void stopPrism() {
        if (prism != null) {
            prism.close();
            prism = null;
        }
    }

    /** A valid request's answer: the expected status, and nothing in it or its request that the document denies. */
    private Http.Res valid(String method, String path, Http.Res r, int... statuses) {
        assertTrue(
                Arrays.stream(statuses).anyMatch(s -> s == r.status()),
                method + " " + path + " answered " + r.status() + ", expected " + Arrays.toString(statuses) + ": " + r);
        List<String> found = Prism.violations(r.headers());
        assertTrue(found.isEmpty(), method + " " + path + " departs from openapi.yaml: " + found + " " + r);
        String op = prism.operationOf(method, path.startsWith("/") ? path : "/" + path);
        assertTrue(op != null, method + " " + path + " is no operation of the document");
        covered.add(op);
        return r;
    }

    private Http.Res call(String method, String path, String json, String... headers) {
        return valid(method, path, api.send(method, path, json, headers), 200);
    }

    private Http.Res call(int status, String method, String path, String json, String... headers) {
        return valid(method, path, api.send(method, path, json, headers), status);
    }

    /**
     * A documented redirect, checked by the test itself: Prism follows redirects, so through it the answer would be
     * the target's. The status is a documented one (301 or 302) with a Location.
     */
    private void redirect(String path, String locationPrefix) {
        Http.Res r = browser().get(ID + path);
        assertTrue(r.status() == 301 || r.status() == 302, path + ": " + r);
        String location = r.headers().getOrDefault("location", List.of("")).get(0);
        assertTrue(location.contains(locationPrefix), path + " redirects to " + location);
        covered.add(prism.operationOf("GET", "/" + path));
    }

    /** The token of the first mail to the address whose link carries that kind of token. */
    private static String mailed(String address, String kind) {
        for (int count = 1; ; count++) {
            Mailbox.Mail m = Mailbox.await(mail, address, count);
            if (m.link() != null && m.link().contains("#" + kind + "=")) {
                return m.token(kind);
            }
        }
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    @Order(1)
    void everyOperationUsedAsAClientUsesItMatchesTheDocument() {
        call("GET", "settings", null);
        call("GET", "health", null);
        call("GET", "openapi.yaml", null);
        call("GET", ".well-known/jwks.json", null);
        call("GET", "metrics", null, "Authorization", bearer(METRICS));
        redirect("console", "console/");
        assertEquals(200, browser().get(ID + "console/").status(), "the console page (/console/, no path of its own)");
        call("GET", "console/console.js", null);
        redirect("account", "account/");
        call("GET", "account/account.js", null);
        call("GET", "ui/passkeys.js", null);

        // GoTrue's own flows
        String email = uniqueEmail();
        JsonObject signedUp =
                call("POST", "signup", credentials(email, PASSWORD)).json();
        String access = signedUp.getString("access_token");
        String refresh = signedUp.getString("refresh_token");
        String form = passwordGrant(email, PASSWORD);
        valid("POST", "token", api.postRaw("token", form, "Content-Type", "application/x-www-form-urlencoded"), 200);
        valid(
                "POST",
                "token?grant_type=password",
                api.postRaw(
                        "token?grant_type=password", credentials(email, PASSWORD), "Content-Type", "application/json"),
                200);
        valid(
                "POST",
                "token",
                api.postRaw(
                        "token",
                        "grant_type=refresh_token&refresh_token=" + refresh,
                        "Content-Type",
                        "application/x-www-form-urlencoded"),
                200);
        valid(
                "POST",
                "token",
                api.postRaw("token", form + "x", "Content-Type", "application/x-www-form-urlencoded"),
                400);
        call("GET", "user", null, "Authorization", bearer(access));
        call("PUT", "user", "{\"data\":{\"full_name\":\"Ada\"}}", "Authorization", bearer(access));
        String second = accessToken(email, PASSWORD);
        JsonObject sessions = call("GET", "user/sessions", null, "Authorization", bearer(access))
                .json();
        String someSession = sessions.getJsonArray("sessions").getJsonObject(0).getString("id");
        call(404, "DELETE", "user/sessions/" + UUID.randomUUID(), null, "Authorization", bearer(access));
        call("DELETE", "user/sessions/" + someSession, null, "Authorization", bearer(second));
        call(400, "POST", "user/identities", "{\"provider\":\"nope\"}", "Authorization", bearer(access));
        call(400, "GET", "authorize?provider=nope", null);
        redirect("callback?state=x&code=y", "https://site.example.com#error=");
        call("POST", "recover", "{\"email\":\"" + email + "\"}");
        call("POST", "otp", "{\"email\":\"" + uniqueEmail() + "\",\"create_user\":false}");
        call("POST", "magiclink", "{\"email\":\"" + email + "\"}");
        // the link proves the mailbox: the autoconfirmed signup's unproven password is dropped (pre-hijacking)
        String byLink = call(
                        "POST",
                        "verify",
                        "{\"type\":\"magiclink\",\"token\":\"" + mailed(email, "magiclink_token") + "\"}")
                .json()
                .getString("access_token");
        String invited = uniqueEmail();
        call("POST", "invite", "{\"email\":\"" + invited + "\"}", "Authorization", OPERATOR);
        String invite = mailed(invited, "invite_token");
        String byInvite = call(
                        "POST",
                        "verify",
                        "{\"type\":\"invite\",\"token\":\"" + invite + "\",\"password\":\"" + PASSWORD + "\"}")
                .json()
                .getString("access_token");
        call("DELETE", "user/sessions", null, "Authorization", bearer(byLink));
        call(204, "POST", "logout", null, "Authorization", bearer(byInvite));
        call("DELETE", "user", null, "Authorization", bearer(accessToken(invited, PASSWORD)));
    }

    @Test
    @Order(2)
    void theSecondFactorAndPasskeyOperationsMatchTheDocument() {
        String email = uniqueEmail();
        newConfirmedUser(email);
        String access = accessToken(email, PASSWORD);
        JsonObject factor = call(
                        "POST",
                        "factors",
                        "{\"factor_type\":\"totp\",\"friendly_name\":\"phone\"}",
                        "Authorization",
                        bearer(access))
                .json();
        String id = factor.getString("id");
        String challenge = call("POST", "factors/" + id + "/challenge", null, "Authorization", bearer(access))
                .json()
                .getString("id");
        JsonObject verified = call(
                        "POST",
                        "factors/" + id + "/verify",
                        "{\"challenge_id\":\"" + challenge + "\",\"code\":\""
                                + FactorsIT.code(factor.getJsonObject("totp").getString("secret")) + "\"}",
                        "Authorization",
                        bearer(access))
                .json();
        String aal2 = verified.getString("access_token");
        call("POST", "factors/recovery-codes", null, "Authorization", bearer(aal2));
        call("GET", "passkeys", null, "Authorization", bearer(aal2));
        call("POST", "passkeys/registration/options", null, "Authorization", bearer(aal2));
        call(
                401,
                "POST",
                "passkeys/registration/verify",
                "{\"credential\":{\"id\":\"x\"}}",
                "Authorization",
                bearer(aal2));
        call("POST", "passkeys/authentication/options", null);
        call(401, "POST", "passkeys/authentication/verify", "{\"credential\":{\"id\":\"x\"}}");
        String unknown = UUID.randomUUID().toString();
        call(404, "PATCH", "passkeys/" + unknown, "{\"friendly_name\":\"x\"}", "Authorization", bearer(aal2));
        call(404, "DELETE", "passkeys/" + unknown, null, "Authorization", bearer(aal2));
        call("DELETE", "factors/" + id, null, "Authorization", bearer(aal2));
    }

    @Test
    @Order(3)
    void theAdminOperationsMatchTheDocument() {
        call("GET", "admin/users?per_page=2", null, "Authorization", OPERATOR);
        call("GET", "admin/users?cursor=&filter=it.example", null, "Authorization", OPERATOR);
        String email = uniqueEmail();
        String id = call(
                        "POST",
                        "admin/users",
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"confirm\":true}",
                        "Authorization",
                        OPERATOR)
                .json()
                .getString("id");
        call("GET", "admin/users/" + id, null, "Authorization", OPERATOR);
        call("PUT", "admin/users/" + id, "{\"ban_duration\":\"1h\"}", "Authorization", OPERATOR);
        call(
                "PUT",
                "admin/users/" + id,
                "{\"ban_duration\":\"none\",\"user_metadata\":{\"a\":1}}",
                "Authorization",
                OPERATOR);
        accessToken(email, PASSWORD);
        call("GET", "admin/users/" + id + "/sessions", null, "Authorization", OPERATOR);
        String unknown = UUID.randomUUID().toString();
        call(404, "DELETE", "admin/users/" + id + "/sessions/" + unknown, null, "Authorization", OPERATOR);
        call("DELETE", "admin/users/" + id + "/sessions", null, "Authorization", OPERATOR);
        call("GET", "admin/users/" + id + "/factors", null, "Authorization", OPERATOR);
        call(404, "DELETE", "admin/users/" + id + "/factors/" + unknown, null, "Authorization", OPERATOR);
        call("GET", "admin/users/" + id + "/passkeys", null, "Authorization", OPERATOR);
        call(404, "DELETE", "admin/users/" + id + "/passkeys/" + unknown, null, "Authorization", OPERATOR);
        call("GET", "admin/audit?per_page=5&action=user_signedup", null, "Authorization", OPERATOR);
        call("GET", "admin/notifications?state=failed", null, "Authorization", OPERATOR);
        call(404, "POST", "admin/notifications/" + unknown + "/retry", null, "Authorization", OPERATOR);
        call("GET", "admin/keys", null, "Authorization", OPERATOR);
        valid("POST", "admin/keys", api.send("POST", "admin/keys", null, "Authorization", OPERATOR), 201, 409);
        call(404, "POST", "admin/keys/no-such-kid/promote", null, "Authorization", OPERATOR);
        call(404, "POST", "admin/keys/no-such-kid/retire", null, "Authorization", OPERATOR);
        valid(
                "POST",
                "admin/users/import",
                api.postRaw(
                        "admin/users/import",
                        "{\"email\":\"" + uniqueEmail() + "\"}\nnot json\n",
                        "Content-Type",
                        "application/x-ndjson",
                        "Authorization",
                        OPERATOR),
                200);
        call("GET", "admin/users/export", null, "Authorization", OPERATOR);
        call("DELETE", "admin/users/" + id, null, "Authorization", OPERATOR);
    }

    @Test
    @Order(4)
    void everyOperationOfTheDocumentWasUsed() {
        Set<String> missing = new TreeSet<>(prism.operations.keySet());
        missing.removeAll(covered);
        assertEquals(Set.of(), missing, "operations no valid request reached");
    }

    @Test
    @Order(5)
    void malformedRequestsDrivenByTheDocumentGetDocumentedAnswersAndNo5xx() throws Exception {
        ContractFuzz.Report report = new ContractFuzz(
                        prism,
                        http.base + ID,
                        () -> {
                            String email = uniqueEmail();
                            newConfirmedUser(email);
                            return accessToken(email, PASSWORD);
                        },
                        OPERATOR)
                .run();
        assertTrue(report.requests() > 1000, "the fuzz run sent its requests: " + report.requests());
        assertEquals(List.of(), report.serverErrors(), "5xx answers");
        assertEquals(List.of(), report.violations(), "answers that depart from the document");
    }
}
