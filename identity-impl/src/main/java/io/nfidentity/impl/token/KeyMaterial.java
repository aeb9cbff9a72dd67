package io.nfidentity.impl.token;

import io.nfidentity.impl.config.SigningAlgorithm;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Key pairs for the asymmetric algorithms, made and encoded by the JDK; private keys sealed for the database with
 * AES-256-GCM under a key derived from {@code nf.identity.jwt.key-encryption-key}; public keys as JWKs by jose4j.
 * The key id is the associated data of the seal, so a sealed key copied into another row does not open.
 */
public final class KeyMaterial {
    private static final byte[] SEAL_LABEL = "nf-identity signing key v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec sealKey;

    /** @param encryptionKey the configured key-encryption key; may be empty under HS256 (then nothing is sealed) */
    public KeyMaterial(byte[] encryptionKey) {
        this.sealKey = encryptionKey.length == 0 ? null : derive(encryptionKey);
    }

    /** SmallRye's name for an algorithm of {@code nf.identity.jwt.algorithm}. */
    public static SignatureAlgorithm algorithm(String name) {
        return SigningAlgorithm.named(name).smallrye();
    }

    /** A new key pair: RSA 2048 bits, P-256, or Ed25519. */
    public static KeyPair generate(String algorithm) {
        SigningAlgorithm alg = SigningAlgorithm.named(algorithm);
        if (!alg.asymmetric()) {
            throw new IllegalArgumentException("no key pairs for " + algorithm);
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg.keyAlgorithm());
            switch (alg) {
                case RS256 -> g.initialize(2048, RANDOM);
                case ES256 -> g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                default -> {} // Ed25519 has one size
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a " + algorithm + " key pair", e);
        }
    }

    /** The public key of a row: X.509 SubjectPublicKeyInfo, base64. */
    public static String encodePublic(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static PublicKey decodePublic(String algorithm, String base64) throws GeneralSecurityException {
        return factory(algorithm)
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** Seals a private key (PKCS #8) for the row of {@code kid}. */
    public String seal(String kid, PrivateKey key) {
        if (sealKey == null) {
            throw new IllegalStateException("no key-encryption key is configured");
        }
        try {
            byte[] out = Sealer.seal(sealKey, key.getEncoded(), kid.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a signing key", e);
        }
    }

    /**
     * Opens what {@link #seal} made for {@code kid}.
     *
     * @throws GeneralSecurityException when the configured key-encryption key is not the one that sealed it, or the
     *     row was altered
     */
    public PrivateKey open(String kid, String algorithm, String sealed) throws GeneralSecurityException {
        if (sealKey == null) {
            throw new GeneralSecurityException("no key-encryption key is configured");
        }
        byte[] pkcs8 = Sealer.open(sealKey, Base64.getDecoder().decode(sealed), kid.getBytes(StandardCharsets.UTF_8));
        return factory(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** The public JWK of a key, as a JWKS lists it: {@code kid}, {@code alg}, {@code use: sig}, no private part. */
    public static String publicJwk(String kid, String algorithm, PublicKey key) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            jwk.setKeyId(kid);
            jwk.setAlgorithm(algorithm);
            jwk.setUse("sig");
            return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot describe the " + algorithm + " key " + kid, e);
        }
    }

    private static KeyFactory factory(String algorithm) throws GeneralSecurityException {
        SigningAlgorithm alg = SigningAlgorithm.of(algorithm).orElse(SigningAlgorithm.HS256);
        if (!alg.asymmetric() || !alg.jws().equals(algorithm)) {
            throw new GeneralSecurityException("no key factory for " + algorithm);
        }
        return KeyFactory.getInstance(alg.keyAlgorithm());
    }

    private static SecretKeySpec derive(byte[] encryptionKey) {
        try {
            return Sealer.key(encryptionKey, SEAL_LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
