package io.nfidentity.it;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * GitHub, GitLab, Bitbucket and Google cannot be reached from the build: each adapter runs the whole path on the real
 * server against a local stand-in (WireMock) that answers as the provider's documentation says. Google's stand-in is
 * an OpenID Connect provider whose ID tokens the test signs, so that every way of forging one is tried.
 */
class ProviderStandInIT extends HttpTestBase {
    private static final String SITE = "https://site.example.com";
    private static WireMockServer standIn;
    private static RsaJsonWebKey googleKey;

    static synchronized WireMockServer standIn() {
        if (standIn == null) {
            standIn = new WireMockServer(
                    WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
            standIn.start();
            Runtime.getRuntime().addShutdownHook(new Thread(standIn::stop));
        }
        return standIn;
    }

    @Deployment(testable = false)
    static Archive<?> deployment() {
        String s = standIn().baseUrl();
        Map<String, String> config = new LinkedHashMap<>();
        for (String p : new String[] {"github", "gitlab", "bitbucket", "google"}) {
            config.put("nf.identity.external." + p + ".client-id", p + "-client");
            config.put("nf.identity.external." + p + ".secret", p + "-secret-0123456789");
        }
        config.put("nf.identity.external.github.url", s + "/gh");
        config.put("nf.identity.external.github.api-url", s + "/gh-api");
        config.put("nf.identity.external.gitlab.url", s + "/gitlab");
        config.put("nf.identity.external.bitbucket.url", s + "/bb");
        config.put("nf.identity.external.bitbucket.api-url", s + "/bb-api");
        config.put("nf.identity.external.google.issuer", s + "/google");
        return Deployments.sample(config);
    }

    /** {@code /authorize} in the browser; the query of the provider URL it is sent to. */
    private Map<String, String> authorize(Http browser, String provider, String expectedEndpoint) {
        Http.Res r = browser.get(ID + "authorize?provider=" + provider);
        assertEquals(302, r.status(), r.toString());
        String location = r.header("Location").orElseThrow();
        assertTrue(location.startsWith(standIn().baseUrl() + expectedEndpoint + "?"), location);
        Map<String, String> q = query(location);
        assertEquals(provider + "-client", q.get("client_id"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(SITE + "/.netlify/identity/callback", q.get("redirect_uri"));
        return q;
    }

    /** The provider sends the browser back with a code. */
    private static Http.Res callback(Http browser, Map<String, String> authorization, String code) {
        return browser.get(ID + "callback?state=" + authorization.get("state") + "&code=" + code);
    }

    private static Map<String, String> fragment(Http.Res r) {
        assertEquals(302, r.status(), r.toString());
        String location = r.header("Location").orElseThrow();
        assertTrue(location.startsWith(SITE + "#"), location);
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : location.substring(location.indexOf('#') + 1).split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private JsonObject userOf(Map<String, String> fragment) {
        assertTrue(fragment.containsKey("access_token"), fragment.toString());
        Http.Res r = browser().get(ID + "user", "Authorization", "Bearer " + fragment.get("access_token"));
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    /** The token endpoint's answer for one code, as the provider documents it. */
    private static void tokenFor(String path, String code, String body) {
        standIn()
                .stubFor(post(urlPathEqualTo(path))
                        .withRequestBody(containing("code=" + code))
                        .willReturn(okJson(body)));
    }

    private static String challengeOf(String verifier) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    }

    @Test
    void gitHubSignsUpWithItsVerifiedPrimaryAddressAndSendsThePkceVerifier() throws Exception {
        String code = "gh-" + UUID.randomUUID();
        String token = "gho_" + UUID.randomUUID().toString().replace("-", "");
        String email = "octo-" + UUID.randomUUID() + "@it.example.com";
        tokenFor(
                "/gh/login/oauth/access_token",
                code,
                "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}");
        standIn()
                .stubFor(get(urlEqualTo("/gh-api/user"))
                        .withHeader("Authorization", equalTo("Bearer " + token))
                        .willReturn(okJson("{\"login\":\"octocat\",\"id\":583231,\"avatar_url\":"
                                + "\"https://avatars.githubusercontent.com/u/583231?v=4\",\"name\":\"The Octocat\","
                                + "\"email\":null}")));
        standIn()
                .stubFor(get(urlEqualTo("/gh-api/user/emails"))
                        .withHeader("Authorization", equalTo("Bearer " + token))
                        .willReturn(okJson("[{\"email\":\"old@it.example.com\",\"primary\":false,\"verified\":true,"
                                + "\"visibility\":null},{\"email\":\"" + email
                                + "\",\"primary\":true,\"verified\":true,"
                                + "\"visibility\":\"public\"}]")));

        Http browser = browser();
        Map<String, String> a = authorize(browser, "github", "/gh/login/oauth/authorize");
        JsonObject user = userOf(fragment(callback(browser, a, code)));
        assertEquals(email, user.getString("email"));
        assertEquals("github", user.getJsonObject("app_metadata").getString("provider"));
        assertEquals("The Octocat", user.getJsonObject("user_metadata").getString("full_name"));
        assertEquals(
                "https://avatars.githubusercontent.com/u/583231?v=4",
                user.getJsonObject("user_metadata").getString("avatar_url"));

        var sent = standIn()
                .findAll(postRequestedFor(urlPathEqualTo("/gh/login/oauth/access_token"))
                        .withRequestBody(containing("code=" + code)));
        assertEquals(1, sent.size());
        Map<String, String> form = formOf(sent.get(0).getBodyAsString());
        assertEquals(a.get("code_challenge"), challengeOf(form.get("code_verifier")), "PKCE: the verifier matches");
        assertEquals("github-secret-0123456789", form.get("client_secret"));
    }

    @Test
    void gitHubsUnverifiedPrimaryAddressDoesNotLinkToTheUserWhoOwnsIt() {
        String victim = uniqueEmail();
        assertEquals(
                200,
                browser()
                        .send("POST", ID + "signup", credentials(victim, PASSWORD))
                        .status());
        String code = "gh-" + UUID.randomUUID();
        String token = "gho_" + UUID.randomUUID().toString().replace("-", "");
        tokenFor(
                "/gh/login/oauth/access_token", code, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\"}");
        standIn()
                .stubFor(get(urlEqualTo("/gh-api/user"))
                        .withHeader("Authorization", equalTo("Bearer " + token))
                        .willReturn(okJson("{\"login\":\"mallory\",\"id\":666,\"name\":\"Mallory\"}")));
        standIn()
                .stubFor(get(urlEqualTo("/gh-api/user/emails"))
                        .withHeader("Authorization", equalTo("Bearer " + token))
                        .willReturn(okJson("[{\"email\":\"" + victim + "\",\"primary\":true,\"verified\":false}]")));
        Http browser = browser();
        Map<String, String> f =
                fragment(callback(browser, authorize(browser, "github", "/gh/login/oauth/authorize"), code));
        assertEquals("access_denied", f.get("error"));
        assertEquals(
                0,
                Long.parseLong(
                        browser().get("api/it/identities?email=" + victim).body()));
    }

    @Test
    void gitHubsRefusalOfTheCodeEndsOnTheSiteAsAnError() {
        String code = "gh-" + UUID.randomUUID();
        // GitHub answers a bad code with 200 and an error member
        tokenFor(
                "/gh/login/oauth/access_token",
                code,
                "{\"error\":\"bad_verification_code\","
                        + "\"error_description\":\"The code passed is incorrect or expired.\"}");
        Http browser = browser();
        Map<String, String> f =
                fragment(callback(browser, authorize(browser, "github", "/gh/login/oauth/authorize"), code));
        assertEquals("access_denied", f.get("error"));
        assertFalse(f.get("error_description").contains("incorrect"), "the provider's own text is not relayed");
    }

    @Test
    void gitLabSignsUpWithItsConfirmedAddress() {
        String code = "gl-" + UUID.randomUUID();
        String token = UUID.randomUUID().toString();
        String email = "tanuki-" + UUID.randomUUID() + "@it.example.com";
        tokenFor(
                "/gitlab/oauth/token",
                code,
                "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":7200,\"refresh_token\":\"r\",\"created_at\":1607635748}");
        standIn()
                .stubFor(get(urlEqualTo("/gitlab/api/v4/user"))
                        .withHeader("Authorization", equalTo("Bearer " + token))
                        .willReturn(okJson("{\"id\":1,\"username\":\"tanuki\",\"name\":\"Tanuki\",\"state\":\"active\","
                                + "\"avatar_url\":\"https://gitlab.example/a.png\",\"email\":\"" + email + "\","
                                + "\"confirmed_at\":\"2012-05-23T09:05:22Z\"}")));
        Http browser = browser();
        JsonObject user =
                userOf(fragment(callback(browser, authorize(browser, "gitlab", "/gitlab/oauth/authorize"), code)));
        assertEquals(email, user.getString("email"));
        assertEquals("gitlab", user.getJsonObject("app_metadata").getString("provider"));
        assertEquals("Tanuki", user.getJsonObject("user_metadata").getString("full_name"));
    }

    @Test
    void aGitLabAccountWithoutAConfirmationDateIsNoProofOfItsAddress() {
        String code = "gl-" + UUID.randomUUID();
        String token = UUID.randomUUID().toString();
        String email = "unconfirmed-" + UUID.randomUUID() + "@it.example.com";
        tokenFor(
                "/gitlab/oauth/token",
                code,
                "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":7200}");
        // no confirmed_at at all (an older GitLab, or a field left out): it counted as verified before
        standIn()
                .stubFor(get(urlEqualTo("/gitlab/api/v4/user"))
                        .withHeader("Authorization", equalTo("Bearer " + token))
                        .willReturn(okJson("{\"id\":2,\"username\":\"mallory\",\"name\":\"Mal\",\"state\":\"active\","
                                + "\"email\":\"" + email + "\"}")));
        Http browser = browser();
        Map<String, String> f =
                fragment(callback(browser, authorize(browser, "gitlab", "/gitlab/oauth/authorize"), code));
        assertEquals("access_denied", f.get("error"), f.toString());
        assertEquals(0, usersWithEmail(email), "no account was made for an unproven address");
    }

    @Test
    void bitbucketSignsUpWithItsConfirmedPrimaryAddress() {
        String code = "bb-" + UUID.randomUUID();
        String token = UUID.randomUUID().toString();
        String email = "bucket-" + UUID.randomUUID() + "@it.example.com";
        tokenFor(
                "/bb/site/oauth2/access_token",
                code,
                "{\"access_token\":\"" + token + "\",\"scopes\":\"account email\","
                        + "\"expires_in\":7200,\"token_type\":\"bearer\"}");
        standIn()
                .stubFor(get(urlEqualTo("/bb-api/2.0/user"))
                        .withHeader("Authorization", equalTo("Bearer " + token))
                        .willReturn(okJson("{\"type\":\"user\",\"uuid\":\"{d301aafa-d676-4ee0-88be-962be7417567}\","
                                + "\"display_name\":\"Bucket Person\",\"links\":{\"avatar\":{\"href\":"
                                + "\"https://bitbucket.example/avatar.png\"}}}")));
        standIn()
                .stubFor(get(urlEqualTo("/bb-api/2.0/user/emails"))
                        .withHeader("Authorization", equalTo("Bearer " + token))
                        .willReturn(okJson("{\"pagelen\":10,\"values\":[{\"is_primary\":true,\"is_confirmed\":true,"
                                + "\"type\":\"email\",\"email\":\"" + email + "\"}],\"page\":1,\"size\":1}")));
        Http browser = browser();
        JsonObject user =
                userOf(fragment(callback(browser, authorize(browser, "bitbucket", "/bb/site/oauth2/authorize"), code)));
        assertEquals(email, user.getString("email"));
        assertEquals("bitbucket", user.getJsonObject("app_metadata").getString("provider"));
    }

    // ---------------------------------------------------------------- Google: OpenID Connect, forged ID tokens

    private static synchronized void google() throws Exception {
        if (googleKey != null) {
            return;
        }
        googleKey = RsaJwkGenerator.generateJwk(2048);
        googleKey.setKeyId("google-test-key");
        googleKey.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        String s = standIn().baseUrl() + "/google";
        standIn()
                .stubFor(get(urlEqualTo("/google/.well-known/openid-configuration"))
                        .willReturn(okJson("{\"issuer\":\"" + s + "\",\"authorization_endpoint\":\"" + s + "/auth\","
                                + "\"token_endpoint\":\"" + s + "/token\",\"jwks_uri\":\"" + s + "/certs\","
                                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}")));
        standIn()
                .stubFor(
                        get(urlEqualTo("/google/certs")).willReturn(okJson("{\"keys\":[" + googleKey.toJson() + "]}")));
    }

    /** An ID token as Google issues it, then changed by {@code change}; signed with {@code key}. */
    private static String idToken(
            String nonce, String email, java.util.function.Consumer<JwtClaims> change, RsaJsonWebKey key)
            throws Exception {
        JwtClaims c = new JwtClaims();
        c.setIssuer(standIn().baseUrl() + "/google");
        c.setAudience("google-client");
        c.setSubject("1" + Math.abs(new java.util.Random().nextLong()));
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(60);
        c.setClaim("email", email);
        c.setClaim("email_verified", true);
        c.setClaim("name", "Gee Mail");
        c.setClaim("picture", "https://lh3.googleusercontent.example/a/x");
        c.setClaim("nonce", nonce);
        change.accept(c);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(googleKey.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    /** One Google sign-in whose token endpoint answers with the ID token {@code make} builds from the nonce. */
    private Map<String, String> googleSignIn(String email, IdTokenMaker make) throws Exception {
        google();
        Http browser = browser();
        Map<String, String> a = authorize(browser, "google", "/google/auth");
        assertFalse(a.get("nonce").isEmpty());
        String code = "g-" + UUID.randomUUID();
        tokenFor(
                "/google/token",
                code,
                "{\"access_token\":\"ya29.x\",\"expires_in\":3599,\"token_type\":\"Bearer\","
                        + "\"scope\":\"openid email profile\",\"id_token\":\"" + make.make(a.get("nonce"), email)
                        + "\"}");
        return fragment(callback(browser, a, code));
    }

    interface IdTokenMaker {
        String make(String nonce, String email) throws Exception;
    }

    @Test
    void googleSignsUpWithAVerifiedIdToken() throws Exception {
        String email = "gee-" + UUID.randomUUID() + "@it.example.com";
        JsonObject user = userOf(googleSignIn(email, (n, e) -> idToken(n, e, c -> {}, googleKey)));
        assertEquals(email, user.getString("email"));
        assertEquals("google", user.getJsonObject("app_metadata").getString("provider"));
        assertEquals("Gee Mail", user.getJsonObject("user_metadata").getString("full_name"));
    }

    @Test
    void forgedOrMisdirectedIdTokensAreRefused() throws Exception {
        RsaJsonWebKey stranger = RsaJwkGenerator.generateJwk(2048);
        Map<String, IdTokenMaker> attacks = new LinkedHashMap<>();
        attacks.put("another audience", (n, e) -> idToken(n, e, c -> c.setAudience("someone-else"), googleKey));
        attacks.put("another issuer", (n, e) -> idToken(n, e, c -> c.setIssuer("https://evil.example.net"), googleKey));
        attacks.put("another nonce", (n, e) -> idToken("not-" + n, e, c -> {}, googleKey));
        attacks.put("no nonce", (n, e) -> idToken(n, e, c -> c.unsetClaim("nonce"), googleKey));
        attacks.put("expired", (n, e) -> idToken(n, e, c -> c.setExpirationTimeMinutesInTheFuture(-10), googleKey));
        attacks.put("a stranger's signature under Google's kid", (n, e) -> idToken(n, e, c -> {}, stranger));
        attacks.put("unsigned", (n, e) -> {
            String signed = idToken(n, e, c -> {}, googleKey);
            String[] parts = signed.split("\\.");
            return Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(
                                    "{\"alg\":\"none\",\"kid\":\"google-test-key\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + parts[1] + ".";
        });
        for (var attack : attacks.entrySet()) {
            String email = "forged-" + UUID.randomUUID() + "@it.example.com";
            Map<String, String> f = googleSignIn(email, attack.getValue());
            assertEquals("access_denied", f.get("error"), attack.getKey() + ": " + f);
            assertEquals(0, usersWithEmail(email), attack.getKey() + " created a user");
        }
    }

    private static Map<String, String> query(String url) {
        return formOf(URI.create(url).getRawQuery());
    }

    private static Map<String, String> formOf(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
