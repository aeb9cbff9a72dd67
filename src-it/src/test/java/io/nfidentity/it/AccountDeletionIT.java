package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user deletes their own account ({@code DELETE /user}, ours: GoTrue has none; {@code Identity.deleteAccount()}
 * behind the sample's {@code POST /api/delete-account}). The attacks: a token of a session that logged in long ago
 * (stolen, or a laptop left logged in), a cookie sent from another site, a cookie without the bearer header on the
 * GoTrue API. Each leaves the account as it was.
 */
class AccountDeletionIT extends SampleTestBase {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    private Http.Res deleteUser(String accessToken) {
        return browser().send("DELETE", ID + "user", null, "Authorization", "Bearer " + accessToken);
    }

    private void ageSessions(String email, int minutes) {
        Http.Res aged = browser().send("POST", "api/it/sessions/age?email=" + email + "&minutes=" + minutes, null);
        assertTrue(Long.parseLong(aged.body().trim()) >= 1, "the sessions were aged: " + aged);
    }

    @Test
    void aFreshLoginDeletesTheAccountEndsEverySessionFiresTheEventAuditsAndMailsANotice() {
        String email = signUpViaApi();
        Http.Res other = passwordLogin(browser(), email, PASSWORD); // another device, logged in too
        Http.Res login = passwordLogin(browser(), email, PASSWORD);
        String access = login.json().getString("access_token");
        String id = userOf(access).getString("id");

        Http.Res deleted = deleteUser(access);

        assertEquals(200, deleted.status(), deleted.toString());
        assertEquals(0, usersWithEmail(email), "the row is gone");
        assertEquals(401, deleteUser(access).status(), "the deleting token itself no longer works");
        assertEquals(
                401,
                browser()
                        .get(
                                ID + "user",
                                "Authorization",
                                "Bearer " + other.json().getString("access_token"))
                        .status(),
                "the other device's access token is refused at once");
        assertEquals(
                400, useRefreshToken(other.json().getString("refresh_token")).status(), "its refresh token is dead");
        assertEquals(400, passwordLogin(browser(), email, PASSWORD).status(), "the password no longer logs in");
        String events = browser().get("api/it/events?email=" + email).body();
        assertTrue(events.contains("SYNC1:UserDeleted:" + email), "UserDeleted fired: " + events);
        Http.Res audit =
                browser().get(ID + "admin/audit?action=user_deleted&query=" + email, "Authorization", OPERATOR);
        assertEquals(200, audit.status(), audit.toString());
        jakarta.json.JsonArray entries = jakarta.json.Json.createReader(new java.io.StringReader(audit.body()))
                .readArray();
        assertEquals(1, entries.size(), audit.toString());
        jakarta.json.JsonObject payload = entries.getJsonObject(0).getJsonObject("payload");
        assertEquals(id, payload.getString("actor_id"), "the user deleted themselves: " + audit);
        assertEquals("self", payload.getJsonObject("traits").getString("by"), audit.toString());
        assertEquals("Your account was deleted", Mailbox.await(mail, email, 1).subject());
    }

    @Test
    void aTokenOfASessionThatLoggedInLongAgoCannotDeleteTheAccount() {
        String email = signUpViaApi();
        Http.Res login = passwordLogin(browser(), email, PASSWORD);
        ageSessions(email, 6);

        Http.Res refused = deleteUser(login.json().getString("access_token"));
        assertEquals(401, refused.status(), refused.toString());
        assertEquals("reauthentication_needed", refused.json().getString("error_code"), refused.toString());
        Http.Res refreshed = useRefreshToken(login.json().getString("refresh_token"));
        assertEquals(200, refreshed.status(), "the session still works: " + refreshed);
        assertEquals(
                401,
                deleteUser(refreshed.json().getString("access_token")).status(),
                "a refresh is no login: its tokens cannot delete either");
        assertEquals(1, usersWithEmail(email), "the account is untouched");
        assertEquals(0, Mailbox.to(mail, email).size(), "no notice went out");

        assertEquals(200, deleteUser(accessToken(email, PASSWORD)).status(), "logging in again is enough");
        assertEquals(0, usersWithEmail(email));
    }

    @Test
    void aCookieAloneCannotDeleteThroughTheApiNorFromAnotherSite() {
        Http victim = browser();
        String email = signUp(victim); // logged in by cookies, a moment ago

        Http.Res noBearer = victim.send("DELETE", ID + "user", null);
        assertEquals(401, noBearer.status(), "the GoTrue API takes no cookie: " + noBearer);
        Http.Res crossSite = victim.postRaw(
                "api/delete-account", "", "Origin", "https://evil.example.net", "Sec-Fetch-Site", "cross-site");
        assertEquals(403, crossSite.status(), "a page of another site cannot ride on the cookie: " + crossSite);
        assertEquals(1, usersWithEmail(email), "the account is untouched");

        Http.Res own = victim.send("POST", "api/delete-account", null);
        assertEquals(204, own.status(), "the site's own page may: " + own);
        assertEquals(0, usersWithEmail(email), "deleted through Identity.deleteAccount()");
        assertTrue(own.setCookie("nf_jwt").orElse("").contains("Max-Age=0"), "nf_jwt cleared: " + own);
        assertTrue(own.setCookie("nf_refresh").orElse("").contains("Max-Age=0"), "nf_refresh cleared: " + own);
    }
}
