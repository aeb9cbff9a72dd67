package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;

/**
 * A session that was ended stays ended: after logout, logout everywhere, a password change, a deletion or a
 * reuse-triggered revocation, no refresh token of the session, rotated a moment ago or not, grants anything. The
 * refresh grace interval (5 s here, as a browser's burst of requests needs) serves concurrent refreshes of a live
 * session only, and hands them the one live token instead of minting a second.
 */
class SessionRevocationIT extends HttpTestBase {
    static final Duration GRACE = Duration.ofSeconds(5);

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of("nf.identity.refresh-token.reuse-interval", Long.toString(GRACE.toSeconds())));
    }

    private Http.Res form(String body) {
        return browser().postRaw(ID + "token", body, "Content-Type", "application/x-www-form-urlencoded");
    }

    private Http.Res refresh(String refreshToken) {
        return form("grant_type=refresh_token&refresh_token=" + refreshToken);
    }

    /** A confirmed user with no session yet (an autoconfirmed signup would open one), and its first login. */
    private JsonObject newSession(String email) {
        newConfirmedUser(email);
        Http.Res login = passwordLogin(browser(), email, PASSWORD);
        assertEquals(200, login.status(), login.toString());
        return login.json();
    }

    /** A session whose first token was just rotated: {first, second, second's access token}. */
    private String[] rotatedSession(String email) {
        String first = newSession(email).getString("refresh_token");
        Http.Res rotated = refresh(first);
        assertEquals(200, rotated.status(), rotated.toString());
        return new String[] {
            first, rotated.json().getString("refresh_token"), rotated.json().getString("access_token")
        };
    }

    private void assertNoTokenOfTheSessionRefreshes(String email, String[] session, String after) {
        Http.Res rotatedOne = refresh(session[0]);
        assertEquals(400, rotatedOne.status(), "the token rotated a moment ago, after " + after + ": " + rotatedOne);
        Http.Res liveOne = refresh(session[1]);
        assertEquals(400, liveOne.status(), "the token that was live, after " + after + ": " + liveOne);
        assertEquals(0, liveRefreshTokens(email), "no live refresh token was minted after " + after);
    }

    @Test
    void aConcurrentRefreshGetsTheOneLiveTokenAndForksNothing() {
        String email = uniqueEmail();
        String[] s = rotatedSession(email);

        Http.Res concurrent = refresh(s[0]); // the same token again, within the grace interval

        assertEquals(200, concurrent.status(), concurrent.toString());
        assertEquals(s[1], concurrent.json().getString("refresh_token"), "the same live token, not a second one");
        assertEquals(1, liveRefreshTokens(email), "one live token in the session");
        assertEquals(200, refresh(s[1]).status(), "and it keeps working");
    }

    @Test
    void afterLogoutNoTokenOfTheSessionRefreshes() {
        String email = uniqueEmail();
        String[] s = rotatedSession(email);

        assertEquals(
                204,
                browser()
                        .send("POST", ID + "logout", null, "Authorization", "Bearer " + s[2])
                        .status());

        assertNoTokenOfTheSessionRefreshes(email, s, "logout");
    }

    @Test
    void afterLogoutEverywhereFromTheFacadeNoTokenOfAnotherDeviceRefreshes() {
        String email = uniqueEmail();
        String[] s = rotatedSession(email);
        Http browser = browser();
        logIn(browser, email, PASSWORD);

        Http.Res out = browser.postJson("api/logout-everywhere", "{}");
        assertEquals(204, out.status(), out.toString());

        assertNoTokenOfTheSessionRefreshes(email, s, "logout everywhere");
    }

    @Test
    void afterAPasswordChangeNoTokenOfTheSessionRefreshes() {
        String email = uniqueEmail();
        String[] s = rotatedSession(email);

        Http.Res changed = browser()
                .send("PUT", ID + "user", "{\"password\":\"a brand new password\"}", "Authorization", "Bearer " + s[2]);
        assertEquals(200, changed.status(), changed.toString());

        assertNoTokenOfTheSessionRefreshes(email, s, "a password change");
    }

    @Test
    void afterDeletionNoTokenOfTheSessionRefreshes() {
        String email = uniqueEmail();
        String[] s = rotatedSession(email);
        String id = browser()
                .send("GET", ID + "user", null, "Authorization", "Bearer " + s[2])
                .json()
                .getString("id");

        assertEquals(
                200,
                browser()
                        .send("DELETE", ID + "admin/users/" + id, null, "Authorization", OPERATOR)
                        .status());

        assertNoTokenOfTheSessionRefreshes(email, s, "deletion");
    }

    @Test
    void aReuseAfterTheGraceIntervalEndsTheWholeSession() throws InterruptedException {
        String email = uniqueEmail();
        String[] s = rotatedSession(email);
        Instant graceOver = Instant.now().plus(GRACE).plusMillis(500);
        while (Instant.now().isBefore(graceOver)) {
            Thread.sleep(100); // a thief replays the copy they kept, once the interval is over
        }

        Http.Res replay = refresh(s[0]);

        assertEquals(400, replay.status(), replay.toString());
        assertNoTokenOfTheSessionRefreshes(email, s, "a reuse revocation");
    }
}
