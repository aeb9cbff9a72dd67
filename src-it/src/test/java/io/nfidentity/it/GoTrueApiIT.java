package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GoTrue's public endpoints (autoconfirm on): shapes, statuses and errors exactly as Netlify's clients expect. */
class GoTrueApiIT extends SampleTestBase {
    static final String ID = ".netlify/identity/";

    private Http.Res api(String method, String path, String body, String... headers) {
        return browser().send(method, ID + path, body, headers);
    }

    private Http.Res form(String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/x-www-form-urlencoded";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return browser().postRaw(ID + "token", body, all);
    }

    private String signupViaApi() {
        String email = uniqueEmail();
        Http.Res r = api(
                "POST",
                "signup",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                        + "\",\"data\":{\"full_name\":\"Api User\"}}");
        assertEquals(200, r.status(), r.toString());
        return email;
    }

    private JsonObject login(String email) {
        Http.Res r = form(passwordGrant(email, PASSWORD));
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    @Test
    void metricsAreOffWithoutATokenAndHealthSaysReady() {
        assertEquals(404, api("GET", "metrics", null).status(), "no nf.identity.metrics.token: no /metrics");
        Http.Res health = api("GET", "health", null);
        assertEquals(200, health.status(), health.toString());
        assertEquals("nf-identity", health.json().getString("name"), "GoTrue's body, unchanged");
    }

    @Test
    void settingsAndHealthDescribeTheInstance() {
        JsonObject settings = api("GET", "settings", null).json();
        assertTrue(settings.getJsonObject("external").getBoolean("email"), settings.toString());
        assertFalse(settings.getJsonObject("external").getBoolean("github"), settings.toString());
        assertTrue(settings.getBoolean("autoconfirm"), settings.toString());
        assertFalse(settings.getBoolean("disable_signup"), settings.toString());
        assertTrue(settings.containsKey("external_labels"), settings.toString());
        assertEquals("nf-identity", api("GET", "health", null).json().getString("name"));
    }

    @Test
    void signupAnswersTheConfirmedUserWithTokensForNetlifysClient() {
        String email = uniqueEmail();
        Http.Res r = api("POST", "signup", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");

        assertEquals(200, r.status(), r.toString());
        assertEquals(email, r.json().getString("email"));
        assertTrue(r.json().containsKey("confirmed_at"), "autoconfirm: " + r);
        assertTrue(
                r.json().containsKey("access_token") && r.json().containsKey("refresh_token"),
                "autoconfirmed: the token fields @netlify/identity reads from the signup answer: " + r);
        assertTrue(r.setCookies().isEmpty(), r.toString());

        Http.Res again = api("POST", "signup", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(400, again.status(), again.toString());
        assertEquals(
                "A user with this email address has already been registered",
                again.json().getString("msg"));
    }

    @Test
    void passwordGrantAnswersGoTruesTokenResponse() {
        JsonObject t = login(signupViaApi());

        assertEquals("bearer", t.getString("token_type"), t.toString());
        assertEquals(3600, t.getInt("expires_in"), t.toString());
        assertEquals(3, t.getString("access_token").split("\\.").length, t.toString());
        assertTrue(t.getString("refresh_token").matches("[A-Za-z0-9_-]{20,}"), t.toString());
        assertFalse(t.containsKey("expires_at"), "clients compute expiry from exp: " + t);
    }

    @Test
    void badGrantsAnswerInTheOAuthShape() {
        String email = signupViaApi();
        Http.Res wrong = form(passwordGrant(email, "nope-nope-nope"));
        Http.Res unknown = form(passwordGrant(uniqueEmail(), "nope-nope-nope"));
        assertEquals(400, wrong.status(), wrong.toString());
        assertEquals("invalid_grant", wrong.json().getString("error"), wrong.toString());
        assertEquals(
                "No user found with that email, or password invalid.",
                wrong.json().getString("error_description"));
        assertEquals(wrong.body(), unknown.body(), "unknown email and wrong password answer identically");

        assertEquals("invalid_request", form("grant_type=refresh_token").json().getString("error"));
        assertEquals(
                "unsupported_grant_type",
                form("grant_type=client_credentials").json().getString("error"));
        // JSON is read too (Supabase's clients post it): without credentials it is refused as a form would be
        Http.Res json =
                browser().postRaw(ID + "token", "{\"grant_type\":\"password\"}", "Content-Type", "application/json");
        assertEquals(400, json.status(), json.toString());
        assertEquals("invalid_grant", json.json().getString("error"), json.toString());
        assertEquals(wrong.body(), json.body(), "the same answer as a wrong password");
    }

    @Test
    void refreshGrantRotatesAndTheOldTokenDies() {
        JsonObject first = login(signupViaApi());

        Http.Res refreshed = form("grant_type=refresh_token&refresh_token=" + first.getString("refresh_token"));

        assertEquals(200, refreshed.status(), refreshed.toString());
        assertNotEquals(first.getString("refresh_token"), refreshed.json().getString("refresh_token"));
        Http.Res reused = form("grant_type=refresh_token&refresh_token=" + first.getString("refresh_token"));
        assertEquals(400, reused.status(), reused.toString());
        assertEquals("invalid_grant", reused.json().getString("error"), reused.toString());
        assertEquals("Invalid Refresh Token", reused.json().getString("error_description"), reused.toString());
    }

    @Test
    void userEndpointNeedsABearerToken() {
        String email = signupViaApi();
        String bearer = "Bearer " + login(email).getString("access_token");

        Http.Res ok = api("GET", "user", null, "Authorization", bearer);
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(email, ok.json().getString("email"));
        assertEquals("Api User", ok.json().getJsonObject("user_metadata").getString("full_name"));

        Http.Res none = api("GET", "user", null);
        assertEquals(401, none.status(), none.toString());
        assertEquals("This endpoint requires a Bearer token", none.json().getString("msg"));
        Http.Res bad = api("GET", "user", null, "Authorization", "Bearer not.a.token");
        assertEquals(401, bad.status(), bad.toString());
        assertTrue(bad.json().getString("msg").startsWith("Invalid token"), bad.toString());
    }

    @Test
    void putUserMergesDataAndKeepsAppMetadataForAdmins() {
        String email = signupViaApi();
        String bearer = "Bearer " + login(email).getString("access_token");

        Http.Res r = api("PUT", "user", "{\"data\":{\"full_name\":null,\"city\":\"Turin\"}}", "Authorization", bearer);

        assertEquals(200, r.status(), r.toString());
        JsonObject meta = r.json().getJsonObject("user_metadata");
        assertFalse(meta.containsKey("full_name"), "null deletes: " + r);
        assertEquals("Turin", meta.getString("city"), r.toString());
        Http.Res app = api("PUT", "user", "{\"app_metadata\":{\"roles\":[\"admin\"]}}", "Authorization", bearer);
        assertEquals(401, app.status(), "a user cannot grant themself roles: " + app);
        assertFalse(api("GET", "user", null, "Authorization", bearer).body().contains("\"admin\""), "nothing stored");
    }

    @Test
    void logoutEndsEverySessionOfTheUser() {
        String email = signupViaApi();
        JsonObject a = login(email);
        JsonObject b = login(email);

        Http.Res r = api("POST", "logout", null, "Authorization", "Bearer " + a.getString("access_token"));

        assertEquals(204, r.status(), r.toString());
        assertEquals("", r.body());
        assertEquals(0, liveRefreshTokens(email));
        assertEquals(
                400,
                form("grant_type=refresh_token&refresh_token=" + b.getString("refresh_token"))
                        .status());
        assertEquals(401, api("POST", "logout", null).status(), "logout needs a bearer token");
        assertTrue(r.setCookies().isEmpty(), "a client that used no cookies gets none cleared: " + r);
    }

    @Test
    void logoutClearsTheCookiesOfAClientThatUsedThem() {
        String email = signupViaApi();
        JsonObject withCookie = login(email);
        String bearer = "Bearer " + withCookie.getString("access_token");

        Http.Res sent = api(
                "POST",
                "logout",
                null,
                "Authorization",
                bearer,
                "Cookie",
                "nf_jwt=" + withCookie.getString("access_token"));
        Http.Res asked = api(
                "POST",
                "logout",
                null,
                "Authorization",
                "Bearer " + login(email).getString("access_token"),
                "X-Use-Cookie",
                "1");

        for (Http.Res r : java.util.List.of(sent, asked)) {
            assertEquals(204, r.status(), r.toString());
            for (String name : new String[] {"nf_jwt", "nf_refresh"}) {
                String c = r.setCookie(name).orElse("");
                assertTrue(
                        c.contains("Max-Age=0")
                                && c.contains("Path=/")
                                && c.contains("SameSite=Lax")
                                && c.contains("Secure"),
                        name + " cleared with the attributes it was set with: " + r);
            }
        }
    }

    @Test
    void useCookieHeaderSetsGoTruesHttpOnlyCookie() {
        String email = signupViaApi();
        String body = passwordGrant(email, PASSWORD);

        String day = form(body, "X-Use-Cookie", "1").setCookie("nf_jwt").orElse("");
        String session =
                form(body, "X-Use-Cookie", "session").setCookie("nf_jwt").orElse("");

        assertTrue(day.contains("HttpOnly") && day.contains("Max-Age=86400") && day.contains("Path=/"), day);
        assertTrue(session.contains("HttpOnly") && !session.contains("Max-Age"), session);
        assertTrue(form(body).setCookie("nf_jwt").isEmpty(), "no session cookie unless asked");
    }

    @Test
    void corsAllowsConfiguredOriginsWithNetlifysHeaders() {
        Http.Res pre = browser()
                .raw(
                        "OPTIONS",
                        ID + "token",
                        "Origin",
                        "https://app.example.com",
                        "Access-Control-Request-Method",
                        "POST",
                        "Access-Control-Request-Headers",
                        "x-nf-client");
        assertTrue(pre.status() == 200 || pre.status() == 204, pre.toString());
        assertEquals(
                "https://app.example.com",
                pre.header("Access-Control-Allow-Origin").orElse(""),
                pre.toString());
        assertTrue(pre.header("Access-Control-Allow-Headers").orElse("").contains("X-Nf-Client"), pre.toString());
        for (String m : List.of("GET", "POST", "PUT", "DELETE")) {
            assertTrue(pre.header("Access-Control-Allow-Methods").orElse("").contains(m), pre.toString());
        }
        Http.Res foreign = browser()
                .raw(
                        "OPTIONS",
                        ID + "token",
                        "Origin",
                        "https://evil.example.net",
                        "Access-Control-Request-Method",
                        "POST");
        assertTrue(foreign.header("Access-Control-Allow-Origin").isEmpty(), foreign.toString());
    }

    @Test
    void badBodiesGetGoTrueErrors() {
        assertEquals(400, api("POST", "signup", "{nope").status());
        assertEquals(
                422,
                api("POST", "signup", "{\"email\":\"x\",\"password\":\"" + PASSWORD + "\"}")
                        .status());
        assertEquals(422, api("POST", "signup", "{\"email\":42}").status(), "wrong type");
        Http.Res text = browser().postRaw(ID + "signup", "hello", "Content-Type", "text/plain");
        assertEquals(415, text.status(), text.toString());
        Http.Res big = api("POST", "signup", "{\"email\":\"" + "x".repeat(40_000) + "\"}");
        assertEquals(413, big.status(), big.toString());
        assertEquals(404, api("GET", "no-such-endpoint", null).status());
    }

    /**
     * A body sent in chunks declares no length, so the limit can only stop it while it is read: still 413 in GoTrue's
     * shape, not the 400 of malformed JSON the parser's failure would otherwise become.
     */
    @Test
    void aChunkedBodyOverTheLimitIsRefusedAs413WhileRead() throws Exception {
        byte[] json = ("{\"email\":\"" + "x".repeat(40_000) + "@it.example.com\",\"password\":\"" + PASSWORD + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + ID + "signup"))
                                .header("Content-Type", "application/json")
                                // an input stream of unknown length: sent with Transfer-Encoding: chunked
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(json)))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\":413"), r.body());
    }

    @Test
    void apiLoginFiresUserLoginAndPutUserFiresUserModified() {
        String email = signupViaApi();
        String bearer = "Bearer " + login(email).getString("access_token");
        api("PUT", "user", "{\"data\":{\"x\":1}}", "Authorization", bearer);

        String log = browser().get("api/it/events?email=" + email).body();
        assertTrue(log.contains("SYNC1:UserLogin:" + email), log);
        assertTrue(log.contains("SYNC1:UserModified:" + email), log);
    }
}
