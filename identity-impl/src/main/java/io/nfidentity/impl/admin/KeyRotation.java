package io.nfidentity.impl.admin;

import io.nfidentity.AuditAction;
import io.nfidentity.SigningKey;
import io.nfidentity.SigningKeyException;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.config.SigningAlgorithm;
import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.store.SigningKeyStore;
import io.nfidentity.impl.store.SigningKeyStore.KeyRow;
import io.nfidentity.impl.token.AccessTokens;
import io.nfidentity.impl.token.KeyMaterial;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of a key rotation, each one transaction with its audit entry: add a next key, promote it, retire the
 * previous one; and at startup, make the configured algorithm's key current if it is not. The caller re-reads the keys
 * ({@code SigningKeys.reload}) after the commit, never inside it: a step that rolls back must leave no trace in memory.
 */
@ApplicationScoped
public class KeyRotation {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityConfig config;
    private final Clock clock;
    private final SigningKeyStore store;
    private final KeyMaterial material;
    private final AuditLog audit;

    @Inject
    public KeyRotation(
            IdentityConfig config, @Internal Clock clock, SigningKeyStore store, KeyMaterial material, AuditLog audit) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.material = material;
        this.audit = audit;
    }

    /** For the container's client proxy only. */
    protected KeyRotation() {
        this(null, null, null, null, null);
    }

    /**
     * Makes a key of {@code nf.identity.jwt.algorithm} current unless one is: on a first start, and, with
     * {@code nf.identity.jwt.switch-algorithm=true}, after the algorithm was changed (the key that was current becomes
     * previous, so its tokens stay valid until they expire). Going back to HS256 makes the configured secret's key
     * current again.
     *
     * @throws IllegalStateException {@code NFID0040} when the current key has another algorithm and switching was not
     *     asked for: the node does not start
     *
     * @return whether anything changed
     * @throws SigningKeyException 409 when another node changed the keys at the same moment (read them, try again)
     */
    @Transactional
    public boolean ensureConfigured() {
        String algorithm = config.keys().algorithm();
        List<KeyRow> rows = store.all();
        Optional<KeyRow> current = rows.stream()
                .filter(r -> r.state().equals(SigningKeyStore.CURRENT))
                .findFirst();
        if (current.isPresent() && current.get().algorithm().equals(algorithm)) {
            return false;
        }
        if (current.isPresent() && !config.keys().switchAlgorithm()) {
            throw new IllegalStateException(LogId.KEYS + ": the current signing key "
                    + current.get().kid() + " is "
                    + current.get().algorithm() + ", but nf.identity.jwt.algorithm is " + algorithm + " on this node;"
                    + " it does not start, so that one node cannot switch the algorithm of every node. To switch: set"
                    + " nf.identity.jwt.algorithm=" + algorithm + " on every node, start one node once with"
                    + " nf.identity.jwt.switch-algorithm=true, then restart the others (docs/keys.md). To keep "
                    + current.get().algorithm() + ": set nf.identity.jwt.algorithm="
                    + current.get().algorithm() + ".");
        }
        Instant now = clock.instant();
        String kid;
        if (algorithm.equals(SigningAlgorithm.HS256.jws())) {
            kid = AccessTokens.KEY_ID;
            if (rows.stream().noneMatch(r -> r.kid().equals(kid))) {
                store.insert(new KeyRow(
                        kid,
                        SigningAlgorithm.HS256.jws(),
                        SigningKeyStore.NEXT,
                        null,
                        null,
                        now,
                        null,
                        null,
                        null,
                        null));
            }
        } else {
            kid = newKey(algorithm, now).kid();
        }
        activate(kid, now, Map.of("reason", "configured algorithm " + algorithm));
        return true;
    }

    /** {@link io.nfidentity.IdentityAdmin#addSigningKey()}. */
    @Transactional
    public SigningKey add() {
        if (!config.keys().asymmetric()) {
            throw SigningKeyException.conflict("HS256 signs with the configured secret: set nf.identity.jwt.algorithm"
                    + " to RS256, ES256 or EdDSA to rotate keys");
        }
        if (store.all().stream().anyMatch(r -> r.state().equals(SigningKeyStore.NEXT))) {
            throw SigningKeyException.conflict("A next key exists already: promote or retire it first");
        }
        return view(newKey(config.keys().algorithm(), clock.instant()));
    }

    /** {@link io.nfidentity.IdentityAdmin#promoteSigningKey(String)}. */
    @Transactional
    public SigningKey promote(String kid) {
        KeyRow key = store.find(kid).orElseThrow(SigningKeyException::notFound);
        if (!key.state().equals(SigningKeyStore.NEXT)) {
            throw SigningKeyException.conflict("Only the next key can be promoted; this key is " + key.state());
        }
        activate(kid, clock.instant(), Map.of());
        return view(store.find(kid).orElseThrow());
    }

    /** {@link io.nfidentity.IdentityAdmin#retireSigningKey(String, boolean)}. */
    @Transactional
    public SigningKey retire(String kid, boolean force) {
        KeyRow key = store.find(kid).orElseThrow(SigningKeyException::notFound);
        Instant now = clock.instant();
        switch (key.state()) {
            case SigningKeyStore.CURRENT -> throw SigningKeyException.conflict(
                    "The current key cannot be retired: add and promote another key first");
            case SigningKeyStore.RETIRED -> throw SigningKeyException.conflict("This key is retired already");
            case SigningKeyStore.PREVIOUS -> {
                if (!force && key.verifyUntil() != null && key.verifyUntil().isAfter(now)) {
                    throw SigningKeyException.conflict("Tokens this key signed may be valid until " + key.verifyUntil()
                            + ": retire it then (it is retired on its own), or now with force");
                }
            }
            default -> {
                // a next key that was never used: retiring it drops it from the JWKS
            }
        }
        if (!store.retire(kid, now, SigningKeyStore.PREVIOUS, SigningKeyStore.NEXT)) {
            throw SigningKeyException.conflict("The key changed meanwhile; list the keys and try again");
        }
        audit.byCaller(AuditAction.SIGNING_KEY_RETIRED, null, null, Map.of("kid", kid, "forced", force));
        return view(store.find(kid).orElseThrow());
    }

    /**
     * Retires the previous keys whose tokens have all expired; on the timer.
     *
     * @return the keys retired
     */
    @Transactional
    public List<String> retireExpired() {
        Instant now = clock.instant();
        List<String> kids = store.expiredPrevious(now);
        for (String kid : kids) {
            if (store.retire(kid, now, SigningKeyStore.PREVIOUS)) {
                audit.byCaller(AuditAction.SIGNING_KEY_RETIRED, null, null, Map.of("kid", kid, "forced", false));
            }
        }
        return kids;
    }

    /** Every key, newest first. */
    public List<SigningKey> list() {
        return store.all().stream().map(KeyRotation::view).toList();
    }

    /** The current key becomes previous; {@code kid} becomes current. */
    private void activate(String kid, Instant now, Map<String, Object> traits) {
        Instant verifyUntil =
                now.plus(config.tokens().accessTokenTtl()).plus(config.tokens().clockSkew());
        Optional<String> previous = store.demoteCurrent(now, verifyUntil);
        if (!store.activate(kid, now, SigningKeyStore.NEXT, SigningKeyStore.PREVIOUS, SigningKeyStore.RETIRED)) {
            throw SigningKeyException.conflict("Another node changed the keys at the same moment; try again");
        }
        Map<String, Object> all = new LinkedHashMap<>(traits);
        all.put("kid", kid);
        previous.ifPresent(p -> all.put("previous", p));
        audit.byCaller(AuditAction.SIGNING_KEY_PROMOTED, null, null, all);
    }

    private KeyRow newKey(String algorithm, Instant now) {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        String kid = algorithm.toLowerCase(Locale.ROOT) + "-"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        KeyPair pair = KeyMaterial.generate(algorithm);
        KeyRow row = new KeyRow(
                kid,
                algorithm,
                SigningKeyStore.NEXT,
                KeyMaterial.encodePublic(pair.getPublic()),
                material.seal(kid, pair.getPrivate()),
                now,
                null,
                null,
                null,
                null);
        store.insert(row);
        audit.byCaller(AuditAction.SIGNING_KEY_ADDED, null, null, Map.of("kid", kid, "algorithm", algorithm));
        return row;
    }

    static SigningKey view(KeyRow row) {
        return new SigningKey(
                row.kid(),
                row.algorithm(),
                SigningKey.State.valueOf(row.state().toUpperCase(Locale.ROOT)),
                row.createdAt(),
                row.activatedAt(),
                row.deactivatedAt(),
                row.verifyUntil(),
                row.retiredAt());
    }
}
