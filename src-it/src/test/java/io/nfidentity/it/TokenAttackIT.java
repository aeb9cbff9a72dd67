package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tokens an attacker crafts with knowledge of our format (RFC 8725): each is refused with 401, and none breaks the
 * server. The positive control proves the same request passes with a genuine token.
 */
class TokenAttackIT extends SampleTestBase {
    /** A real user, so that an attack is the only reason a token can be refused. */
    String sub;

    @org.junit.jupiter.api.BeforeEach
    void realUser() {
        Http user = browser();
        signUp(user);
        sub = user.get("api/user").json().getString("id");
    }

    private String claims(Instant exp, String extra) {
        return "{\"sub\":\"" + sub + "\",\"exp\":" + exp.getEpochSecond() + ",\"email\":\"mallory@example.com\","
                + "\"app_metadata\":{\"provider\":\"email\",\"roles\":[\"admin\"]},\"user_metadata\":{}" + extra + "}";
    }

    private int status(String token) {
        return browser().get("api/user", "Authorization", "Bearer " + token).status();
    }

    @Test
    void genuineTokenPassesTheSameCheck() {
        assertEquals(
                200,
                status(Jwts.hs256(claims(Instant.now().plusSeconds(600), ""), Jwts.SECRET)),
                "control: a token signed with the server's secret is accepted");
    }

    @Test
    void aGenuinelySignedTokenThatOutlivesTheConfiguredLifetimeIsRefused() {
        // minted elsewhere with the shared secret (a Netlify function, a leaked secret) to outlive "logout everywhere"
        assertEquals(401, status(Jwts.hs256(claims(Instant.now().plusSeconds(86_400), ""), Jwts.SECRET)), "a day");
        assertEquals(401, status(Jwts.hs256(claims(Instant.now().plusSeconds(3600 + 120), ""), Jwts.SECRET)), "+2 min");
        assertEquals(200, status(Jwts.hs256(claims(Instant.now().plusSeconds(3600), ""), Jwts.SECRET)), "control");
    }

    @Test
    void tokensWithForeignKeyReferencesOrCriticalHeadersAreRefused() {
        String body = claims(Instant.now().plusSeconds(600), "");
        Map<String, String> headers = new LinkedHashMap<>();
        // the signature is made with a key the attacker controls, and the header says where to find it
        headers.put("jku", "{\"alg\":\"HS256\",\"jku\":\"https://evil.example.net/jwks.json\"}");
        headers.put("x5u", "{\"alg\":\"HS256\",\"x5u\":\"https://evil.example.net/cert.pem\"}");
        headers.put(
                "jwk",
                "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"ZXZpbC1rZXktZXZpbC1rZXktZXZpbC1rZXktMDEyMzQ1\"}}");
        headers.put("kid", "{\"alg\":\"HS256\",\"kid\":\"../../../../dev/null\"}");
        for (var e : headers.entrySet()) {
            assertEquals(401, status(Jwts.sign(e.getValue(), body, "evil-key-evil-key-evil-key-012345")), e.getKey());
        }
        // signed with the right secret but marked critical with an extension we do not understand
        assertEquals(
                401,
                status(Jwts.sign("{\"alg\":\"HS256\",\"crit\":[\"exp-ext\"],\"exp-ext\":1}", body, Jwts.SECRET)),
                "unknown crit");
    }

    @Test
    void notYetValidAndLongExpiredTokensAreRefused() {
        assertEquals(
                401,
                status(Jwts.hs256(
                        claims(
                                Instant.now().plusSeconds(600),
                                ",\"nbf\":" + Instant.now().plusSeconds(3600).getEpochSecond()),
                        Jwts.SECRET)),
                "nbf an hour ahead");
        assertEquals(
                401,
                status(Jwts.hs256(claims(Instant.now().minusSeconds(120), ""), Jwts.SECRET)),
                "expired beyond the 30 s clock skew");
    }

    @Test
    void duplicateClaimNamesAreRefused() {
        String dup = "{\"sub\":\"" + sub + "\",\"sub\":\"11111111-1111-1111-1111-111111111111\",\"exp\":"
                + Instant.now().plusSeconds(600).getEpochSecond() + ",\"app_metadata\":{\"roles\":[]},"
                + "\"app_metadata\":{\"roles\":[\"admin\"]}}";
        assertEquals(401, status(Jwts.hs256(dup, Jwts.SECRET)), "a parser that keeps the last key would be fooled");
    }

    @Test
    void claimsOfTheWrongTypeAreRefused() {
        assertEquals(
                401,
                status(Jwts.hs256(
                        "{\"sub\":\"not-a-uuid\",\"exp\":"
                                + Instant.now().plusSeconds(600).getEpochSecond() + "}",
                        Jwts.SECRET)),
                "sub must be a user id");
        assertEquals(401, status(Jwts.hs256("{\"sub\":\"" + sub + "\",\"exp\":\"tomorrow\"}", Jwts.SECRET)), "exp");
        assertEquals(401, status(Jwts.hs256("{\"sub\":\"" + sub + "\"}", Jwts.SECRET)), "no exp at all");
    }

    @Test
    void refreshTokenIsNotAnAccessToken() {
        String email = signUp(http);
        String refresh = http.cookies.get("nf_refresh");

        assertEquals(401, status(refresh), "an opaque refresh token never authenticates as a bearer");
        assertEquals(1, liveRefreshTokens(email), "and trying does not disturb the session");
    }
}
