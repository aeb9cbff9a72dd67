package io.nfidentity.impl.token;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.SigningAlgorithm;
import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.store.SigningKeyStore;
import io.nfidentity.impl.store.SigningKeyStore.KeyRow;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signing keys this node uses, read from {@code nf_signing_keys}: re-read after every rotation step taken here,
 * every {@code nf.identity.jwt.keys-refresh} (steps taken on other nodes), and at most once a second when a token
 * names a key this node has not seen. Listeners (the verified-token cache) hear of every change, so a retired key's
 * tokens stop at once on this node.
 */
public final class SigningKeys {
    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    /** Least time between two reads caused by an unknown {@code kid}: made-up ids must not flood the database. */
    static final Duration UNKNOWN_KID_RELOAD = Duration.ofSeconds(1);

    private final SigningKeyStore store;
    private final IdentityConfig config;
    private final KeyMaterial material;
    private final Clock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Keyring ring;
    private volatile Instant lastUnknownReload = Instant.EPOCH;

    public SigningKeys(SigningKeyStore store, IdentityConfig config, KeyMaterial material, Clock clock) {
        this.store = store;
        this.config = config;
        this.material = material;
        this.clock = clock;
    }

    /** Only the configured HS256 secret, current, without a database: for tests and tools. */
    public static SigningKeys hs256(IdentityConfig config) {
        SigningKeys keys = new SigningKeys(null, config, new KeyMaterial(new byte[0]), Clock.systemUTC());
        keys.ring = keys.build(List.of(new KeyRow(
                Keyring.HS256_KID,
                SigningAlgorithm.HS256.jws(),
                SigningKeyStore.CURRENT,
                null,
                null,
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                null,
                null)));
        return keys;
    }

    /**
     * One current key of the algorithm, made now and kept in memory only (HS256: the configured secret): for
     * benchmarks and tools that verify tokens without a database.
     */
    public static SigningKeys inMemory(IdentityConfig config, String algorithm) {
        if (algorithm.equals(SigningAlgorithm.HS256.jws())) {
            return hs256(config);
        }
        byte[] kek = new byte[32];
        new java.security.SecureRandom().nextBytes(kek);
        KeyMaterial material = new KeyMaterial(kek);
        SigningKeys keys = new SigningKeys(null, config, material, Clock.systemUTC());
        java.security.KeyPair pair = KeyMaterial.generate(algorithm);
        String kid = algorithm.toLowerCase(java.util.Locale.ROOT) + "-memory";
        keys.ring = keys.build(List.of(new KeyRow(
                kid,
                algorithm,
                SigningKeyStore.CURRENT,
                KeyMaterial.encodePublic(pair.getPublic()),
                material.seal(kid, pair.getPrivate()),
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                null,
                null)));
        return keys;
    }

    /**
     * Reads the keys again and swaps them in when they changed.
     *
     * @throws IllegalStateException when the current key cannot be opened (another key-encryption key) or the
     *     database cannot be read; the keys in use stay as they were
     */
    public void reload() {
        Keyring next = build(store.all());
        Keyring before = ring;
        if (before == null || !before.fingerprint().equals(next.fingerprint())) {
            ring = next;
            listeners.forEach(Runnable::run);
        }
    }

    /** {@link #reload()} for a timer: a failure is logged, and the keys in use stay. */
    public void refresh() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, LogId.KEYS + ": could not re-read the signing keys; keeping those in use", e);
        }
    }

    /** Called with no argument after each change of keys. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Whether the keys have been read (at startup): until then nothing can sign or verify a token. */
    public boolean loaded() {
        return ring != null;
    }

    /** The JWKS document: the public keys of every next, current and previous asymmetric key. */
    public String jwks() {
        return ring().jwks();
    }

    Keyring ring() {
        Keyring r = ring;
        if (r == null) {
            throw new IllegalStateException("the signing keys have not been read yet");
        }
        return r;
    }

    /** For a token naming a key this node does not hold: read again, at most once a second. */
    Keyring.Verifier unknown(String kid) {
        if (store == null) {
            return null;
        }
        Instant now = clock.instant();
        synchronized (this) {
            if (now.isBefore(lastUnknownReload.plus(UNKNOWN_KID_RELOAD))) {
                return null;
            }
            lastUnknownReload = now;
        }
        refresh();
        return ring().verifier(kid);
    }

    private Keyring build(List<KeyRow> rows) {
        Keyring.Signer signer = null;
        Map<String, Keyring.Verifier> verifiers = new HashMap<>();
        List<String> published = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder();
        byte[] secret = config.tokens().jwtSecret();
        for (KeyRow row : rows) {
            fingerprint.append(row.kid()).append(':').append(row.state()).append(';');
            boolean current = row.state().equals(SigningKeyStore.CURRENT);
            if (!current
                    && !row.state().equals(SigningKeyStore.NEXT)
                    && !row.state().equals(SigningKeyStore.PREVIOUS)) {
                continue;
            }
            Instant signedUntil = row.state().equals(SigningKeyStore.PREVIOUS) ? row.deactivatedAt() : null;
            if (row.algorithm().equals(SigningAlgorithm.HS256.jws())) {
                if (secret.length == 0) {
                    continue; // no secret configured: HS256 tokens are refused
                }
                SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
                verifiers.put(
                        row.kid(),
                        new Keyring.Verifier(
                                row.kid(),
                                SigningAlgorithm.HS256.jws(),
                                Keyring.context(config, SigningAlgorithm.HS256.jws(), key),
                                signedUntil));
                if (current) {
                    signer = new Keyring.Signer(row.kid(), KeyMaterial.algorithm(SigningAlgorithm.HS256.jws()), key);
                }
                continue;
            }
            try {
                PublicKey pub = KeyMaterial.decodePublic(row.algorithm(), row.publicKey());
                verifiers.put(
                        row.kid(),
                        new Keyring.Verifier(
                                row.kid(),
                                row.algorithm(),
                                Keyring.context(config, row.algorithm(), pub),
                                signedUntil));
                published.add(KeyMaterial.publicJwk(row.kid(), row.algorithm(), pub));
                if (current) {
                    signer = new Keyring.Signer(
                            row.kid(),
                            KeyMaterial.algorithm(row.algorithm()),
                            material.open(row.kid(), row.algorithm(), row.privateKey()));
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException(
                        LogId.KEYS + ": the " + row.algorithm() + " signing key " + row.kid() + " cannot be read: is"
                                + " nf.identity.jwt.key-encryption-key the one it was sealed with?",
                        e);
            }
        }
        return new Keyring(signer, verifiers, published, fingerprint.toString());
    }
}
