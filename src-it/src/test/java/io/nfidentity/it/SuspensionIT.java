package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Suspending a user (Supabase's {@code ban_duration}): every way into an account is closed, the sessions end at once,
 * only the right password learns of it, and restoring (or the end of the suspension) opens it again.
 */
class SuspensionIT extends HttpTestBase {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of("nf.identity.autoconfirm", "false"));
    }

    private Http.Res asOperator(String method, String path, String body) {
        return browser().send(method, ID + path, body, "Authorization", OPERATOR);
    }

    /** A confirmed user made by the operator; returns its id. */
    private String confirmedUser(String email) {
        Http.Res r = asOperator(
                "POST",
                "admin/users",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"confirm\":true}");
        assertEquals(200, r.status(), r.toString());
        return r.json().getString("id");
    }

    private Http.Res ban(String id, String duration) {
        return asOperator("PUT", "admin/users/" + id, "{\"ban_duration\":\"" + duration + "\"}");
    }

    private Http.Res token(String form) {
        return browser().postRaw(ID + "token", form, "Content-Type", "application/x-www-form-urlencoded");
    }

    @Test
    void aSuspendedUserIsToldOnlyAfterTheRightPasswordAndEverySessionEndsAtOnce() {
        String email = uniqueEmail();
        String id = confirmedUser(email);
        Http.Res login = token(passwordGrant(email, PASSWORD));
        assertEquals(200, login.status(), login.toString());
        String bearer = "Bearer " + login.json().getString("access_token");
        String refresh = login.json().getString("refresh_token");
        Http cookies = browser();
        logIn(cookies, email, PASSWORD);
        assertEquals(200, cookies.get("api/user").status());

        Http.Res banned = ban(id, "24h");
        assertEquals(200, banned.status(), banned.toString());
        Instant until = Instant.parse(banned.json().getString("banned_until"));
        assertTrue(until.isAfter(Instant.now().plus(Duration.ofHours(23))), banned.toString());

        Http.Res right = token(passwordGrant(email, PASSWORD));
        assertEquals(403, right.status(), right.toString());
        assertEquals("user_banned", right.json().getString("error"), right.toString());
        Http.Res wrong = token(passwordGrant(email, "not the password"));
        assertEquals(400, wrong.status(), wrong.toString());
        assertEquals(
                "No user found with that email, or password invalid.",
                wrong.json().getString("error_description"),
                "a guesser gets the answer of any wrong password: " + wrong);
        assertEquals(
                401,
                browser()
                        .send("GET", ID + "user", null, "Authorization", bearer)
                        .status(),
                "the access token ended");
        Http.Res refreshed = token("grant_type=refresh_token&refresh_token=" + refresh);
        assertEquals(403, refreshed.status(), refreshed.toString());
        assertEquals(
                401, cookies.get("api/user").status(), "the cookie session stops at its next request: " + cookies.last);
        assertTrue(cookies.last.setCookie("nf_jwt").orElse("").contains("Max-Age=0"), "and its cookies are cleared");
        assertEquals(401, browser().get("api/user").status());

        Http.Res restored = ban(id, "none");
        assertEquals(200, restored.status(), restored.toString());
        assertFalse(restored.json().containsKey("banned_until"), restored.toString());
        assertEquals(200, token(passwordGrant(email, PASSWORD)).status(), "restored: the password works again");
        Http.Res old = token("grant_type=refresh_token&refresh_token=" + refresh);
        assertEquals(400, old.status(), "sessions the suspension ended stay ended: " + old);
    }

    @Test
    void aSuspensionForAWhileEndsByItself() throws InterruptedException {
        String email = uniqueEmail();
        String id = confirmedUser(email);
        assertEquals(200, ban(id, "1s").status());
        assertEquals(403, token(passwordGrant(email, PASSWORD)).status());
        // waits on the condition, bounded: the suspension ends one second after it began
        Http.Res after = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> token(passwordGrant(email, PASSWORD)), r -> r.status() != 403);
        assertEquals(200, after.status(), "the suspension ended by itself: " + after);
    }

    @Test
    void aSuspendedUserGetsNoRecoveryMailAndItsMailedLinksWaitUnspent() {
        String email = uniqueEmail();
        String id = confirmedUser(email);
        assertEquals(
                200,
                browser()
                        .send("POST", ID + "recover", "{\"email\":\"" + email + "\"}")
                        .status());
        String recovery = Mailbox.await(mail, email, 1).token("recovery_token");
        assertEquals(200, ban(id, "24h").status());

        Http.Res verify =
                browser().send("POST", ID + "verify", "{\"type\":\"recovery\",\"token\":\"" + recovery + "\"}");
        assertEquals(403, verify.status(), verify.toString());
        assertEquals("user_banned", verify.json().getString("error_code"), verify.toString());

        String other = uniqueEmail();
        String otherId = confirmedUser(other);
        assertEquals(200, ban(otherId, "24h").status());
        Http.Res recover = browser().send("POST", ID + "recover", "{\"email\":\"" + other + "\"}");
        assertEquals(200, recover.status(), "the same answer as for anyone: " + recover);
        assertEquals(0, Mailbox.to(mail, other).size(), "but no mail");

        assertEquals(200, ban(id, "none").status());
        Http.Res later =
                browser().send("POST", ID + "verify", "{\"type\":\"recovery\",\"token\":\"" + recovery + "\"}");
        assertEquals(200, later.status(), "the refused link was not spent: " + later);
    }

    @Test
    void suspendingFiresUserModifiedAndIsAudited() {
        String email = uniqueEmail();
        String id = confirmedUser(email);
        assertEquals(200, ban(id, "2h").status());
        assertEquals(200, ban(id, "none").status());

        String events = Awaitility.await("the synchronous observer saw the change")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> browser().get("api/it/events?email=" + email).body(),
                        e -> e.contains("SYNC1:UserModified"));
        assertTrue(events.contains("SYNC1:UserModified:" + email), events);
        Http.Res audit = asOperator("GET", "admin/audit?query=operator&per_page=1000", null);
        assertTrue(
                audit.body().contains("\"user_suspended\"") && audit.body().contains("\"user_restored\""),
                audit.body());
        assertTrue(audit.body().contains("\"until\""), "a suspension for a while says until when: " + audit.body());
    }

    @Test
    void badDurationsUnknownUsersAndNonAdministratorsAreRefused() {
        String email = uniqueEmail();
        String id = confirmedUser(email);
        for (String bad : new String[] {"forever", "0s", "", "-1h", "1d", "24 h"}) {
            Http.Res r = ban(id, bad);
            assertEquals(400, r.status(), bad + ": " + r);
            assertEquals("bad_request", r.json().getString("error_code"), r.toString());
        }
        assertEquals(200, token(passwordGrant(email, PASSWORD)).status(), "nothing was suspended");
        assertEquals(404, ban("00000000-0000-0000-0000-000000000000", "1h").status());
        String user = "Bearer " + token(passwordGrant(email, PASSWORD)).json().getString("access_token");
        Http.Res self =
                browser().send("PUT", ID + "admin/users/" + id, "{\"ban_duration\":\"none\"}", "Authorization", user);
        assertEquals(401, self.status(), self.toString());
    }
}
