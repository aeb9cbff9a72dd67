package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle events on the running server: which doors fire which events, denial, chain order, modification,
 * observer failure, and asynchronous delivery after commit.
 */
class EventsIT extends SampleTestBase {

    private static String email(String prefix) {
        return prefix + UUID.randomUUID() + "@example.com";
    }

    private List<String> events(String email) {
        String body = browser().get("api/it/events?email=" + email).body();
        return body.isEmpty() ? List.of() : List.of(body.split("\n"));
    }

    /** Waits (bounded) for asynchronous deliveries; asserts on what arrived, never on how long it took. */
    private List<String> eventsWhen(String email, Predicate<List<String>> done) {
        try {
            return Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> events(email), done::test);
        } catch (ConditionTimeoutException e) {
            return events(email); // the caller's assertion says what is missing
        }
    }

    private static long count(List<String> log, String prefix) {
        return log.stream().filter(l -> l.startsWith(prefix)).count();
    }

    @Test
    void signupFiresValidateThenSignupAndAsyncObserversAfterCommit() {
        String email = email("ev-");
        assertEquals(
                302, http.postJson("api/signup", credentials(email, PASSWORD)).status(), http.last.toString());

        List<String> log = eventsWhen(email, l -> count(l, "ASYNC:") >= 2);

        List<String> sync = log.stream().filter(l -> l.startsWith("SYNC1:")).toList();
        assertEquals(List.of("SYNC1:UserValidate:" + email, "SYNC1:UserSignup:" + email), sync, log.toString());
        assertTrue(
                log.contains("ASYNC:UserValidate:" + email + ":stored=true")
                        || log.stream().anyMatch(l -> l.startsWith("ASYNC:UserValidate:" + email + ":stored=true")),
                "async UserValidate after commit: " + log);
        assertTrue(
                log.stream().anyMatch(l -> l.startsWith("ASYNC:UserSignup:" + email + ":stored=true")),
                "async UserSignup sees the committed user: " + log);
        assertEquals(0, count(log, "SYNC1:UserLogin"), "signup is not a login: " + log);
    }

    @Test
    void loginFiresUserLoginOnceAndRefreshFiresNothing() {
        String email = email("ev-");
        http.postJson("api/signup", credentials(email, PASSWORD));
        Http other = browser();
        logIn(other, email, PASSWORD);
        other.cookies.remove("nf_jwt");
        assertEquals(200, other.get("api/user").status(), "refreshed: " + other.last);
        other.postJson("api/logout", "");

        List<String> log = eventsWhen(email, l -> count(l, "ASYNC:UserLogin") >= 1);

        assertEquals(
                1, count(log, "SYNC1:UserLogin"), "one login, one UserLogin; refresh and logout fire none: " + log);
        assertEquals(1, count(log, "SYNC1:UserValidate"), log.toString());
        assertEquals(1, count(log, "SYNC1:UserSignup"), log.toString());
    }

    @Test
    void denialAtValidateAnswers401StopsTheChainAndStoresNothing() {
        String email = email("deny-UserValidate-");

        Http.Res r = http.postJson("api/signup", credentials(email, PASSWORD));

        assertEquals(401, r.status(), r.toString());
        assertEquals("denied", r.json().getString("error_code"), r.toString());
        assertEquals("Denied by test observer", r.json().getString("msg"), r.toString());
        assertTrue(r.setCookies().isEmpty(), "no session: " + r);
        assertEquals(0, usersWithEmail(email), "nothing stored");
        List<String> log = events(email);
        assertEquals(List.of("SYNC1:UserValidate:" + email), log, "the observer after the denial never ran");
        assertNoAsyncDeliveryFor(email);
    }

    @Test
    void denialAtSignupRollsBackTheNewUser() {
        String email = email("deny-UserSignup-");

        Http.Res r = http.postJson("api/signup", credentials(email, PASSWORD));

        assertEquals(401, r.status(), r.toString());
        assertEquals("denied", r.json().getString("error_code"), r.toString());
        assertEquals(0, usersWithEmail(email), "validated but denied at signup: nothing stored");
        assertNoAsyncDeliveryFor(email);
    }

    @Test
    void denialAtLoginIssuesNoTokens() {
        String email = email("deny-UserLogin-");
        assertEquals(
                302, http.postJson("api/signup", credentials(email, PASSWORD)).status(), http.last.toString());
        long before = liveRefreshTokens(email);

        Http.Res r = browser().postJson("api/login", credentials(email, PASSWORD));

        assertEquals(401, r.status(), r.toString());
        assertEquals("denied", r.json().getString("error_code"), r.toString());
        assertTrue(r.setCookies().isEmpty(), "no cookies: " + r);
        assertEquals(before, liveRefreshTokens(email), "no refresh token issued");
    }

    private static String form(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void denialAtTheTokenEndpointAnswersOAuthsAccessDeniedAndIssuesNoTokens() {
        String email = email("deny-UserLogin-");
        assertEquals(
                302, http.postJson("api/signup", credentials(email, PASSWORD)).status(), http.last.toString());
        long before = liveRefreshTokens(email);

        Http.Res r = browser()
                .postRaw(
                        ".netlify/identity/token",
                        "grant_type=password&username=" + form(email) + "&password=" + form(PASSWORD),
                        "Content-Type",
                        "application/x-www-form-urlencoded");

        assertEquals(400, r.status(), r.toString());
        assertEquals("access_denied", r.json().getString("error"), "OAuth's shape, not GoTrue's: " + r);
        assertTrue(r.json().getString("error_description").length() > 0, r.toString());
        assertEquals(before, liveRefreshTokens(email), "no refresh token issued");
    }

    @Test
    void observerExceptionAnswers500WithErrorIdAndRollsBack() {
        String email = email("boom-UserSignup-");

        Http.Res r = http.postJson("api/signup", credentials(email, PASSWORD));

        assertEquals(500, r.status(), r.toString());
        assertEquals("hook_failed", r.json().getString("error_code"), r.toString());
        assertFalse(r.json().getString("error_id").isBlank(), "an error id to find the log entry: " + r);
        assertFalse(r.body().contains("test observer failure"), "the cause stays in the log: " + r);
        assertEquals(0, usersWithEmail(email), "nothing stored");
        assertNoAsyncDeliveryFor(email);
    }

    @Test
    void roleAssignedAtSignupIsStoredAndInTheFirstToken() {
        String email = email("ev-");

        http.postJson("api/signup", credentials(email, PASSWORD));

        String token = Jwts.decodePayload(http.cookies.get("nf_jwt"));
        assertTrue(token.contains("\"roles\":[\"member\"]"), "the sample's UserSignup observer role: " + token);
        assertTrue(token.contains("\"provider\":\"email\""), "provider is kept: " + token);
        String stored = browser().get("api/it/app-metadata?email=" + email).body();
        assertTrue(stored.contains("\"roles\":[\"member\"]"), "stored: " + stored);
    }

    @Test
    void metadataSetAtLoginIsStoredAndInThatLoginsToken() {
        String email = email("meta-");
        http.postJson("api/signup", credentials(email, PASSWORD));

        logIn(http, email, PASSWORD);

        assertTrue(
                Jwts.decodePayload(http.cookies.get("nf_jwt")).contains("\"full_name\":\"Set At Login\""),
                "observer's change is in the token of this login");
        assertTrue(browser().get("api/it/user-metadata?email=" + email).body().contains("Set At Login"), "stored");
    }

    @Test
    void sampleRefusesSignupsFromDomainsOffItsAllowList() {
        String email = "someone-" + UUID.randomUUID() + "@blocked.example";

        Http.Res r = http.postJson("api/signup", credentials(email, PASSWORD));

        assertEquals(401, r.status(), r.toString());
        assertEquals("Signups from blocked.example are not allowed", r.json().getString("msg"), r.toString());
        assertEquals(0, usersWithEmail(email));
    }

    @Test
    void sampleRecordsLastLoginInTheBackground() {
        String email = email("ev-");
        http.postJson("api/signup", credentials(email, PASSWORD));
        logIn(http, email, PASSWORD);

        Http.Res r = Awaitility.await("the @ObservesAsync UserLogin observer ran")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> http.get("api/last-login"), res -> res.body().contains("lastLogin"));
        assertTrue(r.body().contains("lastLogin"), r.toString());
    }

    @Test
    void asyncObserversCannotDenyOrModify() {
        String email = email("asyncdeny-");
        assertEquals(
                302, http.postJson("api/signup", credentials(email, PASSWORD)).status(), http.last.toString());

        List<String> log = eventsWhen(email, l -> count(l, "ASYNC-MODIFY-REFUSED") >= 2);

        assertEquals(2, count(log, "ASYNC-DENY-REFUSED"), "deny() fails loudly after commit: " + log);
        assertEquals(2, count(log, "ASYNC-MODIFY-REFUSED"), "setRoles() fails loudly after commit: " + log);
        assertEquals(1, usersWithEmail(email), "the action stands");
    }

    /** A later successful action's async delivery has arrived, and still nothing came for the failed one. */
    private void assertNoAsyncDeliveryFor(String failedEmail) {
        String marker = email("ev-");
        browser().postJson("api/signup", credentials(marker, PASSWORD));
        eventsWhen(marker, l -> count(l, "ASYNC:") >= 2);
        assertEquals(
                0,
                count(events(failedEmail), "ASYNC:"),
                "no async delivery for a failed action: " + events(failedEmail));
    }
}
