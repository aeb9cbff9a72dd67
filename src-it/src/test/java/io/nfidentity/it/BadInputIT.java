package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Everything a careless or hostile client can send: each gets a 4xx JSON error in GoTrue's shape, no stack trace, and
 * nothing is written.
 */
class BadInputIT extends SampleTestBase {

    private static void assertError(Http.Res r, int status, String errorCode) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(status, r.json().getInt("code"), r.toString());
        assertEquals(errorCode, r.json().getString("error_code"), r.toString());
        assertFalse(r.json().getString("msg").isBlank(), "a message for the user: " + r);
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack trace on the wire: " + r);
        assertTrue(r.setCookies().isEmpty(), "no cookies on a failed request: " + r);
    }

    private long total() {
        return Long.parseLong(browser().get("api/it/users/total").body());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{", "{\"email\":", "not json", "[1,2", "{\"email\":\"a@b.co\",\"password\":}"})
    void malformedJsonIsABadRequest(String body) {
        long before = total();
        assertError(http.postJson(ID + "signup", body), 400, "bad_request");
        assertEquals(before, total(), "nothing stored");
        Http.Res sample = http.postJson("api/signup", body);
        assertEquals(400, sample.status(), "the sample application answers with its own mapper: " + sample);
        assertFalse(sample.body().contains("RESTEASY"), "no framework internals on the wire: " + sample);
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        Http.Res r = http.postRaw(
                ID + "signup", "email=a@b.co&password=x", "Content-Type", "text/plain", "Origin", http.origin());
        assertError(r, 415, "unsupported_media_type");
    }

    @Test
    void aMediaTypeThatOnlyStartsLikeAFormIsRefusedBeforeTheBodyIsRead() {
        String big = "grant_type=password&username=a@b.co&password=" + "x".repeat(100_000);
        Http.Res oversized = http.postRaw(ID + "token", big, "Content-Type", "application/x-www-form-urlencodedX");
        assertTrue(oversized.status() == 413 || oversized.status() == 415, "refused unread: " + oversized);
        Http.Res small = http.postRaw(
                ID + "token",
                "grant_type=password&username=a@b.co&password=x",
                "Content-Type",
                "application/x-www-form-urlencodedX");
        assertError(small, 415, "unsupported_media_type");
        Http.Res signup = http.postRaw(ID + "signup", "{}", "Content-Type", "application/jsonX");
        assertError(signup, 415, "unsupported_media_type");
    }

    @Test
    void aSupabaseStyleJsonTokenRequestIsReadAndItsBadFormsGetOAuthsInvalidRequest() {
        String email = uniqueEmail();
        assertEquals(
                200, http.postJson(ID + "signup", credentials(email, PASSWORD)).status());
        Http.Res good = http.postJson(ID + "token?grant_type=password", credentials(email, PASSWORD));
        assertEquals(200, good.status(), good.toString());
        assertEquals(email, good.json().getJsonObject("user").getString("email"), "Supabase's shape: " + good);
        assertTrue(good.json().containsKey("expires_at"), good.toString());
        for (String bad : new String[] {"[1,2]", "{\"email\":1,\"password\":\"x\"}", "{not json", "null"}) {
            Http.Res r = http.postJson(ID + "token?grant_type=password", bad);
            assertEquals(400, r.status(), bad + " -> " + r);
            assertEquals("invalid_request", r.json().getString("error"), bad + " -> " + r);
        }
        Http.Res wrong = http.postJson(ID + "token?grant_type=password", credentials(email, "not the password"));
        assertEquals(400, wrong.status(), wrong.toString());
        assertEquals("invalid_grant", wrong.json().getString("error"), "the same refusal as a form's: " + wrong);
        Http.Res noGrant = http.postJson(ID + "token", "{\"refresh_token\":\"x\"}");
        assertEquals("unsupported_grant_type", noGrant.json().getString("error"), noGrant.toString());
    }

    /** Jersey (Payara) hands an array to a method that asks for an object; it must still be a 400, never a 500. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"signup", "recover", "otp", "magiclink", "verify", "passkeys/authentication/verify"})
    void aJsonArrayWhereAnObjectBelongsIsABadRequest(String path) {
        Http.Res r = http.postJson(ID + path, "[1]");

        assertEquals(400, r.status(), path + " -> " + r);
        assertEquals("bad_request", r.json().getString("error_code"), r.toString());
    }

    @Test
    void oversizedBodyIsRefusedBeforeParsing() {
        String email = uniqueEmail();
        String big = "{\"email\":\"" + email + "\",\"password\":\"" + "x".repeat(40_000) + "\"}";

        assertError(http.postJson(ID + "signup", big), 413, "payload_too_large");
        assertEquals(0, usersWithEmail(email), "nothing stored");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "   ", "no-at-sign", "two@@example.com", "a@b", "spaces in@example.com", "a@-x.com"})
    void invalidEmailIsAValidationError(String email) {
        long before = total();
        assertError(http.postJson("api/signup", credentials(email, PASSWORD)), 422, "validation_failed");
        assertEquals(before, total(), "nothing stored");
    }

    /** Found by RequestBodyFuzzTest: an exponent no BigDecimal holds is the client's mistake, not a 500. */
    @Test
    void aNumberBeyondAnyRangeInABodyIsABadRequestAndStoresNothing() {
        String email = uniqueEmail();
        Http.Res r = http.postJson(
                ".netlify/identity/signup",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"data\":{\"x\":888e888888888888}}");
        assertError(r, 400, "bad_request");
        assertEquals(0, usersWithEmail(email), "nothing stored");
    }

    /** PostgreSQL refuses a NUL in text: such an address is invalid, such a name is stored without it. */
    @Test
    void controlCharactersNeverReachTheDatabaseAsAnError() {
        String local = "user-" + java.util.UUID.randomUUID();
        Http.Res nulInAddress = http.postJson(
                ".netlify/identity/signup",
                "{\"email\":\"" + local + "\\u0000@it.example.com\",\"password\":\"" + PASSWORD + "\"}");
        assertError(nulInAddress, 422, "validation_failed");

        String email = uniqueEmail();
        Http.Res nulInName = http.postJson(
                ".netlify/identity/signup",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                        + "\",\"data\":{\"full_name\":\"Ada\\u0000 Lovelace\"}}");
        assertEquals(200, nulInName.status(), nulInName.toString());
        assertEquals(1, usersWithEmail(email));

        String id = nulInName.json().getString("id");
        for (String role : new String[] {"x".repeat(256), "ad\\u0000min", " "}) {
            Http.Res r = browser()
                    .send(
                            "PUT",
                            ".netlify/identity/admin/users/" + id,
                            "{\"role\":\"" + role + "\"}",
                            "Authorization",
                            "Bearer it-operator-token-0123456789abcdefghijkl");
            assertError(r, 422, "validation_failed");
        }
    }

    @Test
    void missingFieldsAreValidationErrors() {
        assertError(http.postJson("api/signup", "{}"), 422, "validation_failed");
        assertError(http.postJson("api/signup", "{\"email\":\"" + uniqueEmail() + "\"}"), 422, "weak_password");
    }

    @Test
    void emptyBodyIsAValidationError() {
        assertError(http.postJson("api/signup", ""), 422, "validation_failed");
    }

    @Test
    void emptyOrShortPasswordIsRefused() {
        String email = uniqueEmail();
        assertError(http.postJson("api/signup", credentials(email, "")), 422, "weak_password");
        assertError(http.postJson("api/signup", credentials(email, "short")), 422, "weak_password");
        assertEquals(0, usersWithEmail(email), "nothing stored");
    }

    @Test
    void duplicateSignupIsRefusedWithoutRegardToCase() {
        String email = signUp(browser());

        assertError(http.postJson("api/signup", credentials(email.toUpperCase(), PASSWORD)), 422, "email_exists");
        assertEquals(1, usersWithEmail(email), "still exactly one user");
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswerIdentically() {
        String email = signUp(browser());

        Http.Res wrong = http.postJson("api/login", credentials(email, "wrong password!"));
        Http.Res unknown = http.postJson("api/login", credentials(uniqueEmail(), "wrong password!"));

        assertError(wrong, 401, "invalid_credentials");
        assertError(unknown, 401, "invalid_credentials");
        assertEquals(wrong.body(), unknown.body(), "the answers must not tell the cases apart");
    }

    @Test
    void loginWithMissingFieldsIsInvalidCredentials() {
        assertError(http.postJson("api/login", "{}"), 401, "invalid_credentials");
        assertError(http.postJson("api/login", "{\"email\":\"" + "x".repeat(5000) + "\"}"), 401, "invalid_credentials");
    }

    @Test
    void forgedAndExpiredTokensAreRejected() {
        String sub = "00000000-0000-0000-0000-00000000beef";
        String valid = Jwts.payload(sub, "x@example.com", Instant.now().plusSeconds(600), "[\"admin\"]");
        String[] forged = {
            Jwts.b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Jwts.b64(valid) + ".",
            Jwts.hs256(valid, "a-wrong-secret-that-is-long-enough-0123456789"),
            Jwts.hs256(
                    Jwts.payload(sub, "x@example.com", Instant.now().minusSeconds(3600), "[\"admin\"]"), Jwts.SECRET),
            tamper(Jwts.hs256(valid.replace("[\"admin\"]", "[]"), Jwts.SECRET)),
            Jwts.sign("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", valid, Jwts.SECRET),
            "garbage",
            "a.b.c",
            "x".repeat(20_000)
        };
        for (String token : forged) {
            Http.Res r = browser().get("api/admin-users", "Authorization", "Bearer " + token);
            // Payara's HTTP layer refuses a header over 8 KiB itself, with 400, before any application code runs
            boolean refusedByHttpLayer = Servers.payara() && r.status() == 400 && token.length() > 8192;
            assertTrue(
                    r.status() == 401 || refusedByHttpLayer,
                    "token must be rejected: " + token.substring(0, Math.min(60, token.length())) + " -> " + r);
        }
    }

    /** Same signature, payload with an added role: what an attacker who edits the cookie sends. */
    private static String tamper(String jwt) {
        String[] p = jwt.split("\\.");
        String payload = Jwts.decodePayload(jwt).replace("\"roles\":[]", "\"roles\":[\"admin\"]");
        return p[0] + "." + Jwts.b64(payload) + "." + p[2];
    }
}
