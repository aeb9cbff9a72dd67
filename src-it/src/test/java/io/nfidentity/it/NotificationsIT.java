package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous notifications through the outbox, to a real Node receiver ({@code src/test/node/hooks/receiver.js})
 * that checks both signatures with the receivers' own libraries ({@code jsonwebtoken} for GoTrue's,
 * {@code standardwebhooks} for the Standard Webhooks scheme) and drops repeats by delivery id. The user's address
 * tells the receiver how to answer ({@code fail<N>-}, {@code failalways-}, {@code hang-}). A server killed between
 * commit and send, and several nodes delivering once, are proven by {@code bench/cluster.sh} (checks 11 and 12).
 */
class NotificationsIT extends HttpTestBase {
    static final int PORT = 9898;
    static final String SECRET = "whsec_"
            + java.util.Base64.getEncoder()
                    .encodeToString("it-notify-secret-0123456789abcdefghijklmnop"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    static final int ATTEMPTS = 4;

    private static Process receiver;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of(
                "nf.identity.notify.urls", "http://127.0.0.1:" + PORT + "/hooks/identity?token=receiver-secret",
                "nf.identity.notify.secret", SECRET,
                "nf.identity.notify.signature", "both",
                // long enough that a request waiting on a delivery would outlast its hold (see the hang test)
                "nf.identity.notify.timeout", "20",
                "nf.identity.notify.attempts", Integer.toString(ATTEMPTS),
                "nf.identity.notify.backoff", "1",
                "nf.identity.notify.interval", "1"));
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = NodeHooks.start("receiver.js", PORT, SECRET, "/deliveries");
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        if (receiver != null) {
            NodeHooks.post(PORT, "/release");
            receiver.destroy();
        }
    }

    private static JsonObject state() {
        return NodeHooks.get(PORT, "/deliveries");
    }

    /** The receiver's deliveries about this address (id: what it saw), as soon as {@code until} holds of them. */
    private static Map<String, JsonObject> deliveriesOf(String email, Predicate<Map<String, JsonObject>> until)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        Map<String, JsonObject> mine = Map.of();
        while (Instant.now().isBefore(deadline)) {
            JsonObject all = state().getJsonObject("deliveries");
            mine = new java.util.TreeMap<>();
            for (Map.Entry<String, JsonValue> e : all.entrySet()) {
                JsonObject d = e.getValue().asJsonObject();
                if (d.getString("email").equals(email)) {
                    mine.put(e.getKey(), d);
                }
            }
            if (until.test(mine)) {
                return mine;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the receiver never saw what was expected for " + email + ": " + mine);
    }

    private static List<String> events(Map<String, JsonObject> deliveries) {
        return deliveries.values().stream()
                .map(d -> d.getString("event"))
                .sorted()
                .toList();
    }

    /** A confirmed user made with the operator token (audited user_signedup); its id. */
    private String createUser(String email) {
        return newConfirmedUser(email);
    }

    private Http.Res admin(String method, String path) {
        return browser().send(method, ID + path, null, "Authorization", OPERATOR);
    }

    private static String address(String prefix) {
        return prefix + UUID.randomUUID() + "@it.example.com";
    }

    @Test
    void aSignupAndALoginAreDeliveredAfterCommitSignedInBothSchemesOnceEach() throws Exception {
        String email = uniqueEmail();
        assertEquals(
                200,
                browser()
                        .send("POST", ID + "signup", credentials(email, PASSWORD))
                        .status());
        assertEquals(200, passwordLogin(browser(), email, PASSWORD).status());

        Map<String, JsonObject> got = deliveriesOf(
                email,
                d -> events(d).contains("login")
                        && events(d).contains("user_signedup")
                        && d.values().stream().allMatch(x -> x.getInt("taken") == 1));

        assertTrue(got.values().stream().allMatch(d -> d.getInt("tries") == 1 && d.getInt("repeats") == 0), "" + got);
        assertEquals(0, state().getInt("bad_signature"), "jsonwebtoken and standardwebhooks accepted every delivery");
        JsonObject login = got.values().stream()
                .filter(d -> d.getString("event").equals("login"))
                .findFirst()
                .orElseThrow()
                .getJsonObject("payload");
        assertEquals("00000000-0000-0000-0000-000000000000", login.getString("instance_id"));
        assertEquals(email, login.getJsonObject("user").getString("email"), "the user in GoTrue's shape");
        assertTrue(login.getJsonObject("user").containsKey("app_metadata"), login.toString());
        assertEquals(email, login.getJsonObject("actor").getString("email"), "the user logged in themselves");
        Instant.parse(login.getString("occurred_at"));
        List<String> delivered = admin("GET", "admin/notifications?state=delivered&per_page=1000").jsonArray().stream()
                .map(v -> v.asJsonObject().getString("id"))
                .toList();
        assertTrue(delivered.containsAll(got.keySet()), "the delivery ids are the ones the receiver got");
        JsonObject listed = admin("GET", "admin/notifications?state=delivered&per_page=1")
                .jsonArray()
                .getJsonObject(0);
        assertEquals("http://127.0.0.1:" + PORT, listed.getString("receiver"), "never the receiver's path or token");
    }

    @Test
    void anActionThatRolledBackAfterItsRowWasWrittenIsNeverDelivered() throws Exception {
        // the deletion is audited (and so written to the outbox) before UserDeleted fires; this observer then throws
        String email = address("boom-UserDeleted-");
        String id = createUser(email);

        Http.Res delete = admin("DELETE", "admin/users/" + id);

        assertEquals(500, delete.status(), delete.toString());
        assertEquals(1, usersWithEmail(email), "the deletion rolled back");
        // the signup, committed, arrives; the deletion never does
        deliveriesOf(email, d -> events(d).contains("user_signedup"));
        String marker = uniqueEmail();
        createUser(marker); // an event after the rolled-back one: once it is delivered, any earlier one would be too
        deliveriesOf(marker, d -> !d.isEmpty() && d.values().stream().allMatch(x -> x.getInt("taken") == 1));
        assertEquals(List.of("user_signedup"), events(deliveriesOf(email, d -> true)));
    }

    @Test
    void aReceiverThatFailsThreeTimesThenSucceedsTakesItOnceUnderOneId() throws Exception {
        String email = address("fail3-");
        createUser(email);

        Map<String, JsonObject> got = deliveriesOf(
                email, d -> !d.isEmpty() && d.values().iterator().next().getInt("taken") == 1);

        assertEquals(1, got.size(), "one delivery id across every try: " + got);
        JsonObject d = got.values().iterator().next();
        assertEquals(4, d.getInt("tries"), "three failures, then the one it took");
        assertEquals(0, d.getInt("repeats"));
    }

    @Test
    void aDeliveryThatKeepsFailingIsGivenUpListedAuditedAndRetriedByAnAdministrator() throws Exception {
        String email = address("fail" + ATTEMPTS + "-"); // fails every try of the first round, then takes it
        String userId = createUser(email);
        String delivery =
                deliveriesOf(email, d -> !d.isEmpty()).keySet().iterator().next();

        JsonObject failed = awaitFailed(delivery);

        assertEquals(ATTEMPTS, failed.getInt("attempts"));
        assertEquals(500, failed.getInt("last_status"));
        assertEquals("HTTP 500", failed.getString("last_error"));
        assertEquals(userId, failed.getString("user_id"));
        assertTrue(audit(userId, "notification_failed").contains("notification_failed operator"), "audited");

        Http.Res retry = admin("POST", "admin/notifications/" + delivery + "/retry");

        assertEquals(200, retry.status(), retry.toString());
        assertEquals("pending", retry.json().getString("state"));
        assertEquals(0, retry.json().getInt("attempts"), "counted afresh");
        JsonObject taken =
                deliveriesOf(email, d -> d.get(delivery).getInt("taken") == 1).get(delivery);
        assertEquals(ATTEMPTS + 1, taken.getInt("tries"), "the same delivery id, taken at the retry");
        assertTrue(
                audit(userId, "notification_retried").contains("notification_retried operator"),
                "the retry is audited, with who retried it");
        assertEquals(
                404, admin("POST", "admin/notifications/" + delivery + "/retry").status(), "not failed any more");
    }

    @Test
    void retriesAndListsRefuseBadInputAndCallersWhoAreNotAdministrators() {
        Http.Res unknown = admin("POST", "admin/notifications/" + UUID.randomUUID() + "/retry");
        assertEquals(404, unknown.status());
        assertEquals("notification_not_found", unknown.json().getString("error_code"), unknown.toString());
        assertEquals(404, admin("POST", "admin/notifications/not-a-uuid/retry").status());
        Http.Res badState = admin("GET", "admin/notifications?state=lost");
        assertEquals(400, badState.status(), badState.toString());
        assertFalse(badState.body().contains("Exception"), "a clear error, no stack trace");
        assertEquals(400, admin("GET", "admin/notifications?per_page=0").status());

        String email = uniqueEmail();
        newConfirmedUser(email);
        String token = passwordLogin(browser(), email, PASSWORD).json().getString("access_token");
        Http.Res user = browser().send("GET", ID + "admin/notifications", null, "Authorization", "Bearer " + token);
        assertTrue(user.status() == 401 || user.status() == 403, "a user is no administrator: " + user);
        assertEquals(
                401, browser().send("GET", ID + "admin/notifications", null).status(), "nor is anyone");
    }

    @Test
    void aReceiverThatNeverAnswersDoesNotHoldUpTheRequestsWhoseEventsItIsSent() throws Exception {
        String email = address("hang-");

        String id = createUser(email); // answered

        // ... while the receiver still holds that request's delivery open: the request never waited for it (a
        // request that did would have been answered only after the 20 s timeout had ended the hold)
        Map<String, JsonObject> held = deliveriesOf(email, d -> !d.isEmpty());
        assertEquals(1, state().getInt("held"), "the delivery is still held open");
        assertEquals(0, held.values().iterator().next().getInt("taken"));
        for (int i = 0; i < 3; i++) { // and other requests go on meanwhile
            String other = uniqueEmail();
            assertEquals(
                    200,
                    browser()
                            .send("POST", ID + "signup", credentials(other, PASSWORD))
                            .status());
        }
        assertEquals(1, state().getInt("held"), "still held: everything above was answered during the hold");
        assertTrue(usersWithEmail(email) == 1 && id != null);

        NodeHooks.post(PORT, "/release");
        deliveriesOf(email, d -> d.values().iterator().next().getInt("taken") == 1);
    }

    private JsonObject awaitFailed(String delivery) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            for (JsonValue v : admin("GET", "admin/notifications?state=failed").jsonArray()) {
                if (v.asJsonObject().getString("id").equals(delivery)) {
                    JsonObject n = v.asJsonObject();
                    assertNull(n.get("next_attempt_at") == JsonValue.NULL ? null : n.get("next_attempt_at"));
                    return n;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("notification " + delivery + " was never given up");
    }

    private String audit(String userId, String action) {
        return browser()
                .get("api/it/audit?user=" + userId + "&action=" + action)
                .body();
    }
}
