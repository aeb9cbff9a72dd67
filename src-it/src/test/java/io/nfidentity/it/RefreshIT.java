package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The session outlives its access token: the mechanism refreshes transparently, and refuses what it must. */
class RefreshIT extends SampleTestBase {

    private String subjectOf(Http browser) {
        String payload = Jwts.decodePayload(browser.cookies.get("nf_jwt"));
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }

    private String expiredToken(String sub, String email) {
        return Jwts.hs256(Jwts.payload(sub, email, Instant.now().minus(Duration.ofHours(2)), "[]"), Jwts.SECRET);
    }

    @Test
    void expiredAccessTokenIsRefreshedFromCookie() {
        String email = signUp(http);
        String oldRefresh = http.cookies.get("nf_refresh");
        http.cookies.put("nf_jwt", expiredToken(subjectOf(http), email));

        Http.Res r = http.get("api/user");

        assertEquals(200, r.status(), "the request proceeds authenticated: " + r);
        assertEquals(email, r.json().getString("email"), r.toString());
        assertTrue(
                r.setCookie("nf_jwt").isPresent() && r.setCookie("nf_refresh").isPresent(),
                "both cookies are set anew: " + r);
        assertNotEquals(oldRefresh, http.cookies.get("nf_refresh"), "the refresh token was rotated");
        assertEquals(1, liveRefreshTokens(email), "rotation leaves exactly one live token");
        assertTrue(Jwts.decodePayload(http.cookies.get("nf_jwt")).contains(email), "new access token issued");
    }

    @Test
    void missingAccessTokenIsRefreshedFromCookie() {
        String email = signUp(http);
        http.cookies.remove("nf_jwt");

        Http.Res r = http.get("api/user");

        assertEquals(200, r.status(), "refresh cookie alone restores the session: " + r);
        assertEquals(email, r.json().getString("email"), r.toString());
    }

    @Test
    void replayedRefreshTokenIsRefusedAndRevokesTheWholeFamily() {
        String email = signUp(http);
        String oldRefresh = http.cookies.get("nf_refresh");
        http.cookies.remove("nf_jwt");
        assertEquals(200, http.get("api/user").status(), "first refresh: " + http.last);
        assertEquals(1, liveRefreshTokens(email), "the rotated session");

        Http thief = browser();
        thief.cookies.put("nf_refresh", oldRefresh);
        Http.Res r = thief.get("api/user");

        assertEquals(401, r.status(), "the old refresh token is dead: " + r);
        assertTrue(r.setCookie("nf_refresh").orElse("").contains("Max-Age=0"), "cookies cleared: " + r);
        assertEquals(0, liveRefreshTokens(email), "reuse revokes the family: the stolen token dies with the original");
        http.cookies.remove("nf_jwt");
        assertEquals(401, http.get("api/user").status(), "the original holder must log in again: " + http.last);
    }

    @Test
    void expiredRefreshTokenIsRefusedAndCookiesCleared() {
        String email = signUp(http);
        browser().postRaw("api/it/refresh-tokens/expire?email=" + email, "");
        http.cookies.remove("nf_jwt");

        Http.Res r = http.get("api/user");

        assertEquals(401, r.status(), r.toString());
        assertTrue(r.setCookie("nf_jwt").orElse("").contains("Max-Age=0"), "nf_jwt cleared: " + r);
        assertTrue(r.setCookie("nf_refresh").orElse("").contains("Max-Age=0"), "nf_refresh cleared: " + r);
    }

    @Test
    void forgedCookieWithoutRefreshMakesRequestAnonymousAndClearsIt() {
        http.cookies.put(
                "nf_jwt",
                Jwts.hs256(
                        Jwts.payload(
                                "00000000-0000-0000-0000-000000000001",
                                "evil@example.com",
                                Instant.now().plusSeconds(3600),
                                "[\"admin\"]"),
                        "not-the-server-secret-at-all-0123456789"));

        Http.Res page = http.get("index.html");
        assertEquals(200, page.status(), "a public page still works: " + page);
        assertTrue(page.setCookie("nf_jwt").orElse("").contains("Max-Age=0"), "the bad cookie is cleared: " + page);

        http.cookies.put("nf_jwt", "still.not.valid");
        Http.Res api = http.get("api/admin-users");
        assertEquals(401, api.status(), "a protected one answers 401: " + api);
    }

    @Test
    void deletedSessionFailsWithGarbageRefreshCookie() {
        http.cookies.put("nf_refresh", "no-such-token-" + "x".repeat(30));

        Http.Res r = http.get("api/user");

        assertEquals(401, r.status(), r.toString());
        assertTrue(r.setCookie("nf_refresh").orElse("").contains("Max-Age=0"), "unknown refresh token cleared: " + r);
    }

    @Test
    void bearerClientsAreNeverRefreshedFromCookies() {
        String email = signUp(http);
        String expired = expiredToken(subjectOf(http), email);

        Http.Res r = http.get("api/user", "Authorization", "Bearer " + expired);

        assertEquals(401, r.status(), "an expired bearer token is refused, whatever the cookies: " + r);
        assertTrue(r.setCookies().isEmpty(), "bearer requests never touch cookies: " + r);
    }
}
