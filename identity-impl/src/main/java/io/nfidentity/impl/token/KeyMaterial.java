package io.nfidentity.impl.token;

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
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
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
        return switch (name) {
            case "HS256" -> SignatureAlgorithm.HS256;
            case "RS256" -> SignatureAlgorithm.RS256;
            case "ES256" -> SignatureAlgorithm.ES256;
            case "EdDSA" -> SignatureAlgorithm.EDDSA;
            default -> throw new IllegalArgumentException("unsupported algorithm " + name);
        };
    }

    /** A new key pair: RSA 2048 bits, P-256, or Ed25519. */
    public static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator g;
            switch (algorithm) {
                case "RS256" -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048, RANDOM);
                }
                case "ES256" -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                }
                case "EdDSA" -> g = KeyPairGenerator.getInstance("Ed25519");
                default -> throw new IllegalArgumentException("no key pairs for " + algorithm);
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
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(128, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(key.getEncoded());
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
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
        byte[] in = Base64.getDecoder().decode(sealed);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(128, in, 0, 12));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        byte[] pkcs8 = cipher.doFinal(in, 12, in.length - 12);
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
        return switch (algorithm) {
            case "RS256" -> KeyFactory.getInstance("RSA");
            case "ES256" -> KeyFactory.getInstance("EC");
            case "EdDSA" -> KeyFactory.getInstance("Ed25519");
            default -> throw new GeneralSecurityException("no key factory for " + algorithm);
        };
    }

    private static SecretKeySpec derive(byte[] encryptionKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(encryptionKey, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(SEAL_LABEL), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
