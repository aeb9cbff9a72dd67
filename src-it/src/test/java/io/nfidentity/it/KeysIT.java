package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.it.verifier.VerifierApplication;
import io.nfidentity.it.verifier.VerifierResource;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ES256 signing keys on the real server: the JWKS, a second application on the same WildFly that verifies nf-identity's
 * tokens with WildFly's own MicroProfile JWT (no secret, no nf-identity jar), a rotation that logs nobody out, a
 * retirement that ends the old key's tokens here and there, and the tokens an attacker makes from what the JWKS
 * publishes.
 */
@ExtendWith(ArquillianExtension.class)
class KeysIT {
    private static final String ID = HttpTestBase.ID;
    private static final String OPERATOR = HttpTestBase.OPERATOR;
    /** The sample's context root is /, on the managed server's port. */
    private static final String JWKS_URL = "http://127.0.0.1:8080/.netlify/identity/.well-known/jwks.json";

    @Deployment(name = "sample", order = 1, testable = false)
    static Archive<?> sample() {
        return Deployments.sample(Map.of(
                "nf.identity.jwt.algorithm", "ES256",
                "nf.identity.jwt.key-encryption-key", "it-key-encryption-key-0123456789abcdefghij",
                // the verifier re-reads the JWKS after a second, so the test sees a retirement quickly
                "nf.identity.jwt.jwks-max-age", "1"));
    }

    @Deployment(name = "verifier", order = 2, testable = false)
    static WebArchive verifier() {
        String config = "mp.jwt.verify.publickey.location=" + JWKS_URL + "\n"
                + "mp.jwt.verify.publickey.algorithm=ES256\n"
                + "smallrye.jwt.path.groups=app_metadata/roles\n";
        return ShrinkWrap.create(WebArchive.class, "keys-verifier.war")
                .addClasses(VerifierApplication.class, VerifierResource.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                // discovery "all": Payara's MP-JWT finds @LoginConfig only so (Payara issue 6252)
                .addAsWebInfResource(new StringAsset("<beans bean-discovery-mode=\"all\"/>"), "beans.xml")
                .addAsWebInfResource(
                        new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                                + "<context-param><param-name>resteasy.role.based.security</param-name>"
                                + "<param-value>true</param-value></context-param></web-app>"),
                        "web.xml");
    }

    @ArquillianResource
    @OperateOnDeployment("sample")
    URL sampleBase;

    @ArquillianResource
    @OperateOnDeployment("verifier")
    URL verifierBase;

    private Http sample;

    @BeforeEach
    void browser() {
        sample = new Http(sampleBase);
    }

    /** A confirmed user with the role {@code member}, and an access token issued after the role was set. */
    private String memberToken() {
        String email = "keys-" + UUID.randomUUID() + "@it.example.com";
        Http.Res signup = sample.send("POST", ID + "signup", HttpTestBase.credentials(email, HttpTestBase.PASSWORD));
        assertEquals(200, signup.status(), signup.toString());
        String id = signup.json().getString("id");
        Http.Res roles = sample.send(
                "PUT",
                ID + "admin/users/" + id,
                "{\"app_metadata\":{\"roles\":[\"member\"]}}",
                "Authorization",
                OPERATOR);
        assertEquals(200, roles.status(), roles.toString());
        Http.Res login = HttpTestBase.passwordLogin(new Http(sampleBase), email, HttpTestBase.PASSWORD);
        assertEquals(200, login.status(), login.toString());
        return login.json().getString("access_token");
    }

    private int atVerifier(String token) {
        return new Http(verifierBase)
                .get("api/whoami", "Authorization", "Bearer " + token)
                .status();
    }

    private int atSample(String token) {
        return new Http(sampleBase)
                .get("api/user", "Authorization", "Bearer " + token)
                .status();
    }

    private Http.Res admin(String method, String path) {
        return sample.send(method, ID + "admin/keys" + path, null, "Authorization", OPERATOR);
    }

    private static String kidOf(String token) {
        return jakarta.json.Json.createReader(new java.io.StringReader(Jwts.decodeHeader(token)))
                .readObject()
                .getString("kid");
    }

    /** Polls until the status is the expected one, for at most 30 seconds: the verifier's JWKS cache lives 1 s. */
    private static int eventually(int expected, IntSupplier status) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(30);
        int last;
        do {
            last = status.getAsInt();
            if (last == expected) {
                return last;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(end));
        return last;
    }

    /** Polls until the status is another one, for at most 30 seconds. */
    private static int eventuallyNot(int unwanted, IntSupplier status) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(30);
        int last;
        do {
            last = status.getAsInt();
            if (last != unwanted) {
                return last;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(end));
        return last;
    }

    @Test
    void theJwksPublishesPublicKeysOnlyAndMayBeCached() throws Exception {
        Http.Res r = sample.get(ID + ".well-known/jwks.json");
        assertEquals(200, r.status(), r.toString());
        assertEquals("public, max-age=1", r.header("Cache-Control").orElse(""));
        var keys = r.json().getJsonArray("keys");
        assertFalse(keys.isEmpty(), r.body());
        for (var k : keys.getValuesAs(JsonObject.class)) {
            assertEquals("EC", k.getString("kty"), k.toString());
            assertEquals("sig", k.getString("use"));
            assertFalse(k.containsKey("d"), "a private key is published: " + k);
            assertFalse(k.containsKey("k"), "a secret is published: " + k);
        }
        String token = memberToken();
        String header = Jwts.decodeHeader(token);
        assertTrue(header.contains("\"alg\":\"ES256\""), header);
        assertTrue(r.body().contains("\"kid\":\"" + kidOf(token) + "\""), "the signing key is published");
    }

    @Test
    void anotherApplicationVerifiesOurTokensWithTheJwksUntilTheirKeyIsRetired() throws Exception {
        Assumptions.assumeFalse(
                Servers.payara(),
                "the verifier is configured for SmallRye JWT (WildFly): roles at app_metadata/roles; Payara's own "
                        + "MP-JWT reads roles only from a 'groups' claim and requires 'jti', which GoTrue's tokens lack");
        String old = memberToken();
        assertEquals(200, atVerifier(old), "WildFly's MP-JWT accepts a token nf-identity issued");
        assertEquals(401, atVerifier(old.substring(0, old.length() - 4) + "AAAA"), "control: a bad signature");

        Http.Res added = admin("POST", "");
        assertEquals(201, added.status(), added.toString());
        String next = added.json().getString("kid");
        assertEquals("next", added.json().getString("state"));
        assertEquals(200, admin("POST", "/" + next + "/promote").status());

        String fresh = memberToken();
        assertEquals(next, kidOf(fresh), "the promoted key signs new tokens");
        assertEquals(200, atSample(old), "a rotation logs nobody out");
        assertEquals(200, atVerifier(old));
        assertEquals(200, eventually(200, () -> atVerifier(fresh)), "the verifier learns the new key from the JWKS");

        Http.Res early = admin("POST", "/" + kidOf(old) + "/retire");
        assertEquals(409, early.status(), "its tokens may still be valid: " + early);
        assertEquals("signing_key_conflict", early.json().getString("error_code"));
        Http.Res retired = admin("POST", "/" + kidOf(old) + "/retire?force=true");
        assertEquals(200, retired.status(), retired.toString());
        assertEquals("retired", retired.json().getString("state"));

        assertEquals(401, atSample(old), "retired: refused here at once");
        // once its JWKS cache (1 s here) expired, the verifier no longer finds the key: WildFly's MP-JWT refuses the
        // token, with 500 rather than 401 for a kid missing from the JWKS (smallrye-jwt issue 437), never with 200
        int refused = eventuallyNot(200, () -> atVerifier(old));
        assertTrue(refused == 401 || refused == 500, "the verifier still accepts a retired key's token: " + refused);
        assertEquals(200, atVerifier(fresh));
        assertEquals(200, atSample(fresh));

        Http.Res audit = sample.get(ID + "admin/audit?action=signing_key_retired", "Authorization", OPERATOR);
        assertTrue(audit.body().contains(kidOf(old)), "the retirement is audited: " + audit.body());
    }

    @Test
    void tokensMadeFromWhatTheJwksPublishesOrWithTheHs256SecretAreRefused() throws Exception {
        String genuine = memberToken();
        String kid = kidOf(genuine);
        String payload = Jwts.decodePayload(genuine);
        assertEquals(200, atSample(genuine), "control");

        // HS256 with the server's secret, while ES256 is configured: the secret's key may verify only tokens issued
        // before the move, and not at all once retired
        Http.Res hs = admin("POST", "/nf-ident/retire?force=true");
        assertTrue(List.of(200, 404, 409).contains(hs.status()), hs.toString()); // 404: never used; 409: retired
        assertEquals(401, atSample(Jwts.hs256(payload, Jwts.SECRET)), "HS256 token under ES256");

        // the key confusion: HS256 under the ES256 key's kid, HMAC'd with its public key in every usual encoding
        String jwk = sample.get(ID + ".well-known/jwks.json").json().getJsonArray("keys").stream()
                .map(Object::toString)
                .filter(k -> k.contains(kid))
                .findFirst()
                .orElseThrow();
        byte[] der = PublicJsonWebKey.Factory.newPublicJwk(jwk).getPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        String header = "{\"alg\":\"HS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}";
        assertEquals(401, atSample(Jwts.sign(header, payload, der)), "key confusion: DER");
        for (String secret : List.of(pem, jwk)) {
            assertEquals(401, atSample(Jwts.sign(header, payload, secret)), "key confusion: " + secret);
        }
        if (!Servers.payara()) { // the verifier is set up for WildFly's MP-JWT only (see the test above)
            assertEquals(401, atVerifier(Jwts.sign(header, payload, pem)), "the verifier refuses it too");
        }

        // no signature at all; a kid nobody made
        String body = genuine.split("\\.")[1];
        assertEquals(401, atSample(Jwts.b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + body + "."));
        String[] parts = genuine.split("\\.");
        assertEquals(
                401, atSample(Jwts.b64("{\"alg\":\"ES256\",\"kid\":\"made-up\"}") + "." + parts[1] + "." + parts[2]));
    }

    @Test
    void rotationStepsAreForAdminsAndRefusedWhereTheKeysStateDoesNotAllowThem() {
        JsonObject list = admin("GET", "").json();
        String current = list.getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .filter(k -> k.getString("state").equals("current"))
                .findFirst()
                .orElseThrow()
                .getString("kid");
        assertFalse(list.toString().contains("private"), list.toString());

        Http.Res promote = admin("POST", "/" + current + "/promote");
        assertEquals(409, promote.status(), promote.toString());
        Http.Res retire = admin("POST", "/" + current + "/retire?force=true");
        assertEquals(409, retire.status(), "the current key cannot be retired: " + retire);
        assertEquals(404, admin("POST", "/no-such-key/promote").json().getInt("code"));
        assertEquals(400, admin("POST", "/" + current + "/retire?force=yes").status());

        String user = memberToken();
        Http.Res asUser = sample.send("POST", ID + "admin/keys", null, "Authorization", "Bearer " + user);
        assertEquals(401, asUser.status(), "a member is no admin: " + asUser);
        assertEquals(401, new Http(sampleBase).get(ID + "admin/keys").status());
        assertEquals(
                1,
                admin("GET", "").json().getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                        .filter(k -> k.getString("state").equals("current"))
                        .count());
    }

    @Test
    void aLongUnusedNextKeyCanBeDroppedAndIsNoLongerPublished() {
        Http.Res added = admin("POST", "");
        assertEquals(201, added.status(), added.toString());
        String kid = added.json().getString("kid");
        assertTrue(sample.get(ID + ".well-known/jwks.json").body().contains(kid));
        assertEquals(409, admin("POST", "").status(), "one next key at a time");
        assertEquals(200, admin("POST", "/" + kid + "/retire").status(), "an unused next key goes without force");
        assertFalse(sample.get(ID + ".well-known/jwks.json").body().contains(kid));
    }
}
