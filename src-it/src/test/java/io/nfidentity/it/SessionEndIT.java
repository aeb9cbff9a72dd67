package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A user's access tokens end before their {@code exp} when the user logs out everywhere, changes password or is
 * deleted. The tokens here are genuine (the server's secret) and were issued ten seconds ago, like a token on
 * another device; a token issued within the very second of the logout would survive (exp has second precision).
 */
class SessionEndIT extends SampleTestBase {
    static final String OPERATOR = "Bearer it-operator-token-0123456789abcdefghijkl";

    /** An access token for the user, issued ten seconds ago, valid for another hour. */
    private static String olderToken(String id, String email) {
        Instant exp = Instant.now().minusSeconds(10).plusSeconds(3600);
        return Jwts.hs256(Jwts.payload(id, email, exp, "[\"member\"]"), Jwts.SECRET);
    }

    private int statusWith(String token) {
        return browser().get("api/user", "Authorization", "Bearer " + token).status();
    }

    @Test
    void logoutEverywhereEndsTheUsersOtherAccessTokensAtOnce() {
        String email = signUp(http);
        String id = http.get("api/user").json().getString("id");
        String other = olderToken(id, email);
        assertEquals(200, statusWith(other), "control: the other device's token works");

        Http.Res r = http.postJson("api/logout-everywhere", "");

        assertEquals(204, r.status(), r.toString());
        assertEquals(401, statusWith(other), "the other device is logged out now, not at exp");
        assertEquals(0, liveRefreshTokens(email), "and cannot refresh");
        logIn(http, email, PASSWORD);
        assertEquals(200, http.get("api/user").status(), "a new login right after works: " + http.last);
    }

    @Test
    void passwordChangeEndsOlderAccessTokens() {
        String email = signUp(http);
        String id = http.get("api/user").json().getString("id");
        String other = olderToken(id, email);

        browser()
                .send(
                        "PUT",
                        ".netlify/identity/admin/users/" + id,
                        "{\"password\":\"a changed password\"}",
                        "Authorization",
                        OPERATOR);

        assertEquals(401, statusWith(other), "a token from before the change is refused");
    }

    @Test
    void deletedUsersAccessTokensAreRefusedAtOnce() {
        String email = signUp(http);
        String id = http.get("api/user").json().getString("id");
        String other = olderToken(id, email);
        assertEquals(200, statusWith(other));

        browser().send("DELETE", ".netlify/identity/admin/users/" + id, null, "Authorization", OPERATOR);

        assertEquals(401, statusWith(other), "a deleted user does not look logged in");
        assertEquals(401, http.get("api/user").status(), "not with the cookie either: " + http.last);
    }
}
