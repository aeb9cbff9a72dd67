package io.nfidentity.impl.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.AuditAction;
import io.nfidentity.SigningKey;
import io.nfidentity.SigningKeyException;
import io.nfidentity.impl.HandClock;
import io.nfidentity.impl.TestConfig;
import io.nfidentity.impl.TestDatabase;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.store.AuditStore;
import io.nfidentity.impl.store.SigningKeyStore;
import io.nfidentity.impl.token.AccessTokens;
import io.nfidentity.impl.token.KeyMaterial;
import io.nfidentity.impl.token.SigningKeys;
import io.nfidentity.impl.web.CurrentRequest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key rotation on a real (H2) database: the startup's move to the configured algorithm, add, promote and retire, and
 * the tokens each step lets through or refuses, verified by the same {@link AccessTokens} the mechanism uses.
 */
class KeyRotationTest {
    private static final String KEK = "unit-test-key-encryption-key-0123456789abcdef";

    private final DataSource db = TestDatabase.migrated();
    private final SigningKeyStore store = new SigningKeyStore(db);
    private final AuditStore auditStore = new AuditStore(db);
    private final HandClock clock = new HandClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    private final UUID user = UUID.randomUUID();

    /** One node with this configuration, on the shared database. */
    private final class Node {
        final IdentityConfig config;
        final SigningKeys keys;
        final AccessTokens tokens;
        final KeyAdmin admin;

        Node(String... settings) {
            config = TestConfig.with(settings);
            KeyMaterial material = new KeyMaterial(config.keys().encryptionKey());
            keys = new SigningKeys(store, config, material, clock);
            tokens = new AccessTokens(config, clock, keys);
            KeyRotation rotation = new KeyRotation(
                    config, clock, store, material, new AuditLog(auditStore, clock, CurrentRequest.none()));
            admin = new KeyAdmin(rotation, keys);
            admin.start();
        }

        String issue() {
            return tokens.issue(user, "ada@example.com", Map.of("roles", List.of("member")), Map.of());
        }

        boolean accepts(String token) {
            return tokens.verify(token).isPresent();
        }
    }

    /**
     * Nodes of a new cluster start at once on an empty schema: each reads no key and inserts the configured one, and
     * all but one hit the primary key. The loser here is made to lose for real: its insert waits until another node
     * has inserted and activated the key. It must start on that key, not fail its deployment (as it did, seen with
     * two deployments starting together on one schema).
     */
    @Test
    void aNodeThatLosesTheRaceForTheFirstKeyStartsOnTheWinnersKey() {
        IdentityConfig config = TestConfig.with();
        KeyMaterial material = new KeyMaterial(config.keys().encryptionKey());
        AuditLog audit = new AuditLog(auditStore, clock, CurrentRequest.none());
        KeyRotation winner = new KeyRotation(config, clock, store, material, audit);
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        DataSource losing = insertsAfter(db, "INSERT INTO nf_signing_keys", () -> {
            if (raced.compareAndSet(false, true)) {
                winner.ensureConfigured();
            }
        });
        SigningKeyStore loserStore = new SigningKeyStore(losing);
        SigningKeys keys = new SigningKeys(loserStore, config, material, clock);
        KeyAdmin loser = new KeyAdmin(new KeyRotation(config, clock, loserStore, material, audit), keys);

        loser.start();

        assertTrue(raced.get(), "the other node's insert came between this node's read and its insert");
        assertEquals(1, store.all().size(), "one key, the winner's");
        String token = new AccessTokens(config, clock, keys).issue(user, "ada@example.com", Map.of(), Map.of());
        assertTrue(new Node().accepts(token), "the loser signs with the key every node has");
    }

    /** The datasource, running {@code before} just ahead of each statement that starts with {@code prefix}. */
    private static DataSource insertsAfter(DataSource db, String prefix, Runnable before) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, args) -> {
                    Object out = invoke(db, m, args);
                    if (!(out instanceof java.sql.Connection c)) {
                        return out;
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(
                            java.sql.Connection.class.getClassLoader(),
                            new Class<?>[] {java.sql.Connection.class},
                            (cp, cm, cargs) -> {
                                if (cm.getName().equals("prepareStatement") && ((String) cargs[0]).startsWith(prefix)) {
                                    before.run();
                                }
                                return invoke(c, cm, cargs);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A node started with the algorithm, allowed to switch the current key to it. */
    private Node node(String algorithm) {
        return new Node("jwt.algorithm", algorithm, "jwt.key-encryption-key", KEK, "jwt.switch-algorithm", "true");
    }

    private static Map<String, Object> header(String token) {
        String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        try {
            return org.jose4j.json.JsonUtil.parseJson(json);
        } catch (org.jose4j.lang.JoseException e) {
            throw new AssertionError(json, e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "EdDSA"})
    void aFirstStartMakesAKeyOfTheConfiguredAlgorithmAndPublishesOnlyItsPublicPart(String algorithm) throws Exception {
        Node node = node(algorithm);
        List<SigningKey> keys = node.admin.list();
        assertEquals(1, keys.size());
        SigningKey key = keys.get(0);
        assertEquals(SigningKey.State.CURRENT, key.state());
        assertEquals(algorithm, key.algorithm());

        String token = node.issue();
        assertEquals(algorithm, header(token).get("alg"));
        assertEquals(key.kid(), header(token).get("kid"));
        assertTrue(node.accepts(token));

        String jwks = node.keys.jwks();
        assertTrue(jwks.contains("\"kid\":\"" + key.kid() + "\""), jwks);
        assertTrue(jwks.contains("\"use\":\"sig\""), jwks);
        for (String privatePart : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"")) {
            assertFalse(jwks.contains(privatePart), "private member " + privatePart + " in " + jwks);
        }
        assertTrue(store.find(key.kid()).orElseThrow().privateKey().length() > 20, "the private key is stored");
    }

    @Test
    void underHs256TheJwksIsEmptyAndTheSecretNeverPublished() {
        Node node = new Node();
        assertEquals("{\"keys\":[]}", node.keys.jwks());
        assertEquals("nf-ident", header(node.issue()).get("kid"));
        assertThrows(SigningKeyException.class, node.admin::add, "HS256 has no keys to add");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "EdDSA"})
    void aRotationLogsNobodyOutAndRetiringRefusesTheOldKeysTokensAtOnce(String algorithm) {
        Node node = node(algorithm);
        String old = node.issue();
        assertTrue(node.accepts(old)); // and it is now in the verified-token cache

        SigningKey next = node.admin.add();
        assertEquals(SigningKey.State.NEXT, next.state());
        assertTrue(node.keys.jwks().contains(next.kid()), "a next key is published before it signs");
        assertEquals(header(old).get("kid"), header(node.issue()).get("kid"), "a next key does not sign");

        SigningKey promoted = node.admin.promote(next.kid());
        assertEquals(SigningKey.State.CURRENT, promoted.state());
        String fresh = node.issue();
        assertEquals(next.kid(), header(fresh).get("kid"));
        assertTrue(node.accepts(old), "the previous key still verifies its tokens");
        assertTrue(node.accepts(fresh));

        String oldKid = (String) header(old).get("kid");
        SigningKeyException early = assertThrows(SigningKeyException.class, () -> node.admin.retire(oldKid, false));
        assertEquals(409, early.status());

        SigningKey retired = node.admin.retire(oldKid, true);
        assertEquals(SigningKey.State.RETIRED, retired.state());
        assertFalse(node.accepts(old), "a retired key's token is refused, cached or not");
        assertFalse(node.keys.jwks().contains(oldKid), "a retired key is no longer published");
        assertTrue(node.accepts(fresh));
    }

    @Test
    void stepsTheStateDoesNotAllowAreRefusedAndEveryStepIsAudited() {
        Node node = node("ES256");
        String current = node.admin.list().get(0).kid();
        assertEquals(
                409,
                assertThrows(SigningKeyException.class, () -> node.admin.retire(current, true))
                        .status());
        assertEquals(
                409,
                assertThrows(SigningKeyException.class, () -> node.admin.promote(current))
                        .status());
        assertEquals(
                404,
                assertThrows(SigningKeyException.class, () -> node.admin.promote("nope"))
                        .status());
        SigningKey next = node.admin.add();
        assertEquals(
                409, assertThrows(SigningKeyException.class, node.admin::add).status());
        node.admin.retire(next.kid(), false); // an unused next key can go at once
        assertEquals(
                409,
                assertThrows(SigningKeyException.class, () -> node.admin.retire(next.kid(), true))
                        .status());

        List<AuditAction> actions =
                auditStore.list(new AuditStore.Filter(null, null, null, null, null), null, null, 0, 100).stream()
                        .map(e -> e.action())
                        .sorted() // the clock stood still: the entries share one instant
                        .toList();
        assertEquals(
                List.of(
                        AuditAction.SIGNING_KEY_ADDED,
                        AuditAction.SIGNING_KEY_ADDED,
                        AuditAction.SIGNING_KEY_PROMOTED,
                        AuditAction.SIGNING_KEY_RETIRED),
                actions);
    }

    @Test
    void movingFromHs256KeepsItsTokensUntilTheyExpireButNoneMintedAfterTheMove() {
        Node before = new Node();
        String hs = before.issue();
        assertTrue(before.accepts(hs));

        clock.advance(Duration.ofSeconds(5));
        Node after = node("ES256");
        assertEquals("ES256", header(after.issue()).get("alg"));
        assertTrue(after.accepts(hs), "an HS256 token issued before the move stays valid");

        // minted with the secret ten minutes after the move, expiring later than any token issued before it could
        clock.advance(Duration.ofMinutes(10));
        String late = hs256(Map.of("kid", "nf-ident"), clock.instant().plus(Duration.ofMinutes(55)), TestConfig.SECRET);
        assertFalse(after.accepts(late), "the HS256 secret no longer issues tokens once it stopped signing");

        after.admin.retire("nf-ident", true);
        assertFalse(after.accepts(hs), "once retired, HS256 tokens are refused");
    }

    @Test
    void aNodeWithoutAnHs256KeyRefusesHs256TokensEvenWithTheRightSecret() {
        Node node = node("EdDSA");
        String forged =
                hs256(Map.of("kid", "nf-ident"), clock.instant().plus(Duration.ofMinutes(5)), TestConfig.SECRET);
        assertFalse(node.accepts(forged));
        String noKid = hs256(Map.of(), clock.instant().plus(Duration.ofMinutes(5)), TestConfig.SECRET);
        assertFalse(node.accepts(noKid));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "EdDSA"})
    void aTokenHmacSignedWithThePublicKeyUnderItsKidIsRefused(String algorithm) throws Exception {
        Node node = node(algorithm);
        SigningKey key = node.admin.list().get(0);
        String spki = store.find(key.kid()).orElseThrow().publicKey();
        byte[] der = Base64.getDecoder().decode(spki);
        String pem = "-----BEGIN PUBLIC KEY-----\n" + spki + "\n-----END PUBLIC KEY-----\n";
        Instant exp = clock.instant().plus(Duration.ofMinutes(5));
        for (byte[] secret : List.of(
                der, pem.getBytes(StandardCharsets.US_ASCII), node.keys.jwks().getBytes())) {
            String confused = Jwt.claims()
                    .subject(user.toString())
                    .expiresAt(exp.getEpochSecond())
                    .jws()
                    .keyId(key.kid())
                    .algorithm(SignatureAlgorithm.HS256)
                    .sign(new SecretKeySpec(secret, "HmacSHA256"));
            assertFalse(node.accepts(confused), "key confusion accepted");
        }
    }

    @Test
    void aTokenSignedByAStrangersKeyUnderOurKidOrWithAnotherAlgorithmIsRefused() throws Exception {
        Node node = node("ES256");
        String kid = node.admin.list().get(0).kid();
        Instant exp = clock.instant().plus(Duration.ofMinutes(5));
        KeyPair stranger = KeyMaterial.generate("ES256");
        String foreign = Jwt.claims()
                .subject(user.toString())
                .expiresAt(exp.getEpochSecond())
                .jws()
                .keyId(kid)
                .algorithm(SignatureAlgorithm.ES256)
                .sign(stranger.getPrivate());
        assertFalse(node.accepts(foreign));

        KeyPair ed = KeyMaterial.generate("EdDSA");
        String otherAlg = Jwt.claims()
                .subject(user.toString())
                .expiresAt(exp.getEpochSecond())
                .jws()
                .keyId(kid)
                .algorithm(SignatureAlgorithm.EDDSA)
                .sign(ed.getPrivate());
        assertFalse(node.accepts(otherAlg));

        String[] parts = node.issue().split("\\.");
        String none = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        assertFalse(node.accepts(none));
        String unknownKid = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"ES256\",\"kid\":\"made-up\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + "." + parts[2];
        assertFalse(node.accepts(unknownKid));
    }

    @Test
    void anotherNodeLearnsOfAKeyPromotedElsewhereWhenATokenNamesIt() {
        Node a = node("ES256");
        Node b = node("ES256");
        a.admin.promote(a.admin.add().kid());
        String fromA = a.issue();
        clock.advance(Duration.ofSeconds(2)); // past the throttle of unknown-kid reads
        assertTrue(b.accepts(fromA), "node B reads the keys again for a kid it has not seen");
    }

    @Test
    void aPreviousKeyIsRetiredOnItsOwnOnceItsTokensHaveExpired() {
        Node node = node("RS256");
        String first = node.admin.list().get(0).kid();
        node.admin.promote(node.admin.add().kid());
        node.admin.refresh();
        assertEquals(SigningKey.State.PREVIOUS, store(first));
        clock.advance(node.config
                .tokens()
                .accessTokenTtl()
                .plus(node.config.tokens().clockSkew())
                .plusSeconds(1));
        node.admin.refresh();
        assertEquals(SigningKey.State.RETIRED, store(first));
    }

    @Test
    void anotherKeyEncryptionKeyCannotOpenTheSigningKeyAndSaysWhy() {
        node("ES256");
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new Node("jwt.algorithm", "ES256", "jwt.key-encryption-key", KEK + "-other"));
        assertTrue(e.getMessage().contains("key-encryption-key"), e.getMessage());
    }

    @Test
    void aSealedKeyCopiedIntoAnotherRowDoesNotOpen() throws Exception {
        KeyMaterial material = new KeyMaterial(KEK.getBytes(StandardCharsets.UTF_8));
        KeyPair pair = KeyMaterial.generate("ES256");
        String sealed = material.seal("kid-a", pair.getPrivate());
        assertEquals(pair.getPrivate(), material.open("kid-a", "ES256", sealed));
        assertThrows(java.security.GeneralSecurityException.class, () -> material.open("kid-b", "ES256", sealed));
    }

    private SigningKey.State store(String kid) {
        return KeyRotation.view(store.find(kid).orElseThrow()).state();
    }

    private String hs256(Map<String, Object> header, Instant exp, String secret) {
        var jws = Jwt.claims()
                .subject(user.toString())
                .expiresAt(exp.getEpochSecond())
                .claim("email", "ada@example.com")
                .jws()
                .algorithm(SignatureAlgorithm.HS256);
        if (header.get("kid") instanceof String kid) {
            jws.keyId(kid);
        }
        return jws.sign(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    @Test
    void aNodeStartedWithAnotherAlgorithmThanTheCurrentKeysDoesNotStartAndSwitchesNothing() {
        Node running = node("ES256");
        String current = running.admin.list().stream()
                .filter(k -> k.state().name().equals("CURRENT"))
                .findFirst()
                .orElseThrow()
                .kid();

        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> new Node("jwt.algorithm", "RS256", "jwt.key-encryption-key", KEK));

        assertTrue(
                e.getMessage().startsWith("NFID0040") && e.getMessage().contains("switch-algorithm=true"),
                e.getMessage());
        assertEquals(
                current,
                running.admin.list().stream()
                        .filter(k -> k.state().name().equals("CURRENT"))
                        .findFirst()
                        .orElseThrow()
                        .kid(),
                "the current key is the one it was");
    }
}
