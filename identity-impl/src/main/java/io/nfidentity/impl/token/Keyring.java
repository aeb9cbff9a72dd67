package io.nfidentity.impl.token;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.SigningAlgorithm;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * One immutable view of the signing keys: the key that signs, the keys that verify (by {@code kid}), and the JWKS that
 * publishes them. {@link SigningKeys} swaps in a new one when the keys change.
 *
 * <p>A token is verified only by the key its header names, and only with that key's own algorithm: a token whose
 * {@code alg} differs from its key's (the RS256/HS256 confusion, {@code none}) finds no verifier. A token without a
 * {@code kid} (GoTrue's own tokens) can only be an HS256 token of the configured secret.
 */
final class Keyring {
    /** GoTrue's key id for the HS256 secret. */
    static final String HS256_KID = "nf-ident";
    /** Headers remembered, at most; each one is a distinct header seen on a token that verified. */
    private static final int MAX_HEADERS = 64;

    /** The key new tokens are signed with. */
    record Signer(String kid, SignatureAlgorithm algorithm, Key key) {
        @Override
        public String toString() {
            return "Signer[" + kid + " " + algorithm + "]";
        }
    }

    /**
     * A key that verifies.
     *
     * @param signedUntil when it stopped signing (a previous key), or {@code null}: no token it signed can expire
     *     later than this plus the token lifetime
     */
    record Verifier(String kid, String algorithm, JWTAuthContextInfo context, Instant signedUntil) {}

    private final Signer signer;
    private final Map<String, Verifier> byKid;
    private final String jwks;
    private final String fingerprint;
    private final Map<String, Verifier> byHeader = new ConcurrentHashMap<>();

    Keyring(Signer signer, Map<String, Verifier> byKid, List<String> publishedJwks, String fingerprint) {
        this.signer = signer;
        this.byKid = Map.copyOf(byKid);
        this.jwks = "{\"keys\":[" + String.join(",", publishedJwks) + "]}";
        this.fingerprint = fingerprint;
    }

    /** @throws IllegalStateException when no key is current (the startup makes one, so this is a broken database) */
    Signer signer() {
        if (signer == null) {
            throw new IllegalStateException("no signing key is current");
        }
        return signer;
    }

    String jwks() {
        return jwks;
    }

    String fingerprint() {
        return fingerprint;
    }

    /**
     * The key that may verify a token with this header (its first, base64url segment), or {@code null}.
     *
     * @param unknownKid called with a {@code kid} this ring does not hold (perhaps a key added on another node)
     */
    Verifier verifierFor(String header, java.util.function.Function<String, Verifier> unknownKid) {
        Verifier v = byHeader.get(header);
        if (v != null) {
            return v;
        }
        Map<String, Object> fields;
        try {
            fields = JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8));
        } catch (JoseException | RuntimeException e) {
            // not base64url, not JSON, not an object: not one of our tokens, whatever the parser made of it
            return null;
        }
        if (!(fields.get("alg") instanceof String alg)) {
            return null;
        }
        Object kidValue = fields.get("kid");
        String kid;
        if (kidValue == null && alg.equals(SigningAlgorithm.HS256.jws())) {
            kid = HS256_KID;
        } else if (kidValue instanceof String s) {
            kid = s;
        } else {
            return null;
        }
        v = byKid.get(kid);
        if (v == null) {
            v = unknownKid.apply(kid);
        }
        return v != null && v.algorithm().equals(alg) ? v : null;
    }

    /** Skips the header's parsing next time; called only for tokens that verified, so an attacker cannot fill it. */
    void remember(String header, Verifier verifier) {
        if (byHeader.size() < MAX_HEADERS) {
            byHeader.put(header, verifier);
        }
    }

    Verifier verifier(String kid) {
        return byKid.get(kid);
    }

    /** SmallRye's settings for verifying with one key: only its algorithm, our skew, our audience. */
    static JWTAuthContextInfo context(IdentityConfig config, String algorithm, Key key) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        if (key instanceof SecretKey secret) {
            info.setSecretVerificationKey(secret);
        } else {
            info.setPublicVerificationKey((PublicKey) key);
        }
        info.setSignatureAlgorithm(Set.of(KeyMaterial.algorithm(algorithm)));
        info.setRelaxVerificationKeyValidation(false);
        info.setClockSkew((int) config.tokens().clockSkew().toSeconds());
        info.setRequireNamedPrincipal(true);
        // GoTrue's tokens have no iat; SmallRye demands one unless the maximum lifetime check is off (0).
        info.setMaxTimeToLiveSecs(0L);
        if (!config.tokens().audience().isEmpty()) {
            info.setExpectedAudience(Set.of(config.tokens().audience()));
        }
        return info;
    }
}
