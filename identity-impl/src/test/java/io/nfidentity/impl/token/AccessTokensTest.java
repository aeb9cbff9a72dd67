package io.nfidentity.impl.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.impl.TestConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    private final UUID id = UUID.randomUUID();
    private final AccessTokens tokens = new AccessTokens(TestConfig.config(), Clock.systemUTC());

    private String issue() {
        return tokens.issue(
                id,
                "a@example.com",
                Map.of("provider", "email", "roles", List.of("admin", "member")),
                Map.of("full_name", "Ada"));
    }

    @Test
    void issuedTokenVerifiesWithItsClaims() {
        Claims claims = tokens.verify(issue()).orElseThrow(() -> new AssertionError("own token was rejected"));
        assertEquals(id, claims.subject());
        assertEquals("a@example.com", claims.email());
        assertEquals(List.of("admin", "member"), claims.roles());
        assertEquals("Ada", claims.userMetadata().get("full_name"));
    }

    @Test
    void tokenHasGoTruesHeaderAndClaimsOnly() {
        String[] parts = issue().split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"kid\":\"nf-ident\"") && header.contains("\"alg\":\"HS256\""), header);
        for (String claim : List.of("sub", "exp", "email", "app_metadata", "user_metadata")) {
            assertTrue(payload.contains("\"" + claim + "\""), "missing " + claim + " in " + payload);
        }
        for (String claim : List.of("iat", "iss", "jti", "aud")) {
            assertFalse(payload.contains("\"" + claim + "\""), "unexpected " + claim + " in " + payload);
        }
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejected() {
        var other = new AccessTokens(
                TestConfig.with("jwt.secret", "another-secret-of-enough-length-0123456789"), Clock.systemUTC());
        String forged = other.issue(id, "a@example.com", Map.of(), Map.of());
        assertTrue(tokens.verify(forged).isEmpty(), "a token signed with a foreign secret was accepted");
    }

    @Test
    void tamperedPayloadIsRejected() {
        String[] parts = issue().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"member\"", "\"owner\"");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertTrue(tokens.verify(tampered).isEmpty(), "a token with a changed payload was accepted");
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() {
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = issue().split("\\.")[1];
        assertTrue(tokens.verify(header + "." + payload + ".").isEmpty(), "alg none was accepted");
    }

    @Test
    void expiredTokenIsRejectedBeyondTheClockSkew() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String old = new AccessTokens(TestConfig.config(), past).issue(id, "a@example.com", Map.of(), Map.of());
        assertTrue(tokens.verify(old).isEmpty(), "a token that expired an hour ago was accepted");
    }

    @Test
    void tokenWhoseExpLiesBeyondTheConfiguredLifetimeIsRejected() {
        // minted with the shared secret by someone else, with a lifetime of a day: it could outlive logout everywhere
        AccessTokens dayLong = new AccessTokens(TestConfig.with("jwt.exp", "86400"), Clock.systemUTC());
        String longLived = dayLong.issue(id, "a@example.com", Map.of(), Map.of());
        assertTrue(tokens.verify(longLived).isEmpty(), "exp a day ahead with a 1 h lifetime was accepted");
        Clock nearFuture = Clock.fixed(Instant.now().plusSeconds(20), ZoneOffset.UTC);
        String withinSkew =
                new AccessTokens(TestConfig.config(), nearFuture).issue(id, "a@example.com", Map.of(), Map.of());
        assertTrue(tokens.verify(withinSkew).isPresent(), "a token from a node whose clock is 20 s ahead is fine");
    }

    @Test
    void authTimeTravelsOnlyWhenAReauthenticationWindowIsConfigured() {
        Instant loggedIn = Instant.now().minusSeconds(600);
        String plain = tokens.issue(id, "a@example.com", Map.of(), Map.of(), loggedIn, null);
        assertFalse(Jwt.payload(plain).contains("auth_time"), "GoTrue's exact shape by default");

        AccessTokens windowed = new AccessTokens(TestConfig.with("reauthentication-window", "300"), Clock.systemUTC());
        String withTime = windowed.issue(id, "a@example.com", Map.of(), Map.of(), loggedIn, null);
        assertEquals(
                loggedIn.getEpochSecond(),
                windowed.verify(withTime).orElseThrow().authTime().getEpochSecond(),
                Jwt.payload(withTime));
    }

    /** Reads a token's payload, for shape assertions. */
    private static final class Jwt {
        static String payload(String token) {
            return new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        }
    }

    @Test
    void garbageAndOversizedInputIsRejectedWithoutThrowing() {
        for (String junk : List.of("", "abc", "a.b.c", "....", "x".repeat(20_000))) {
            assertTrue(tokens.verify(junk).isEmpty(), "accepted: " + junk.substring(0, Math.min(20, junk.length())));
        }
    }

    @Test
    void audienceIsRequiredWhenConfigured() {
        var withAud = new AccessTokens(TestConfig.withAudience("site-a"), Clock.systemUTC());
        String token = withAud.issue(id, "a@example.com", Map.of(), Map.of());
        assertTrue(withAud.verify(token).isPresent(), "own token with aud rejected");
        assertTrue(
                new AccessTokens(TestConfig.withAudience("site-b"), Clock.systemUTC())
                        .verify(token)
                        .isEmpty(),
                "token for another audience accepted");
    }
}
