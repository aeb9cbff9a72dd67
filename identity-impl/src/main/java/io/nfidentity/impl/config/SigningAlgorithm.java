package io.nfidentity.impl.config;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The algorithms nf-identity signs access tokens with ({@code nf.identity.jwt.algorithm}), each with its JWS name (the
 * {@code alg} header, the configuration value, the stored key row's), SmallRye's constant, and the JCA names of its
 * key pairs. The one place these names are spelled.
 */
public enum SigningAlgorithm {
    HS256("HS256", SignatureAlgorithm.HS256, null),
    RS256("RS256", SignatureAlgorithm.RS256, "RSA"),
    ES256("ES256", SignatureAlgorithm.ES256, "EC"),
    EDDSA("EdDSA", SignatureAlgorithm.EDDSA, "Ed25519");

    private final String jws;
    private final SignatureAlgorithm smallrye;
    private final String keyAlgorithm;

    SigningAlgorithm(String jws, SignatureAlgorithm smallrye, String keyAlgorithm) {
        this.jws = jws;
        this.smallrye = smallrye;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The JWS name: {@code HS256}, {@code RS256}, {@code ES256}, {@code EdDSA}. */
    public String jws() {
        return jws;
    }

    /** SmallRye JWT's constant for it. */
    public SignatureAlgorithm smallrye() {
        return smallrye;
    }

    /** The JCA name of its key pairs and key factory ({@code RSA}, {@code EC}, {@code Ed25519}); none for HS256. */
    public String keyAlgorithm() {
        if (keyAlgorithm == null) {
            throw new IllegalStateException(jws + " has no key pairs");
        }
        return keyAlgorithm;
    }

    /** Whether tokens are verified with a public key (everything but HS256). */
    public boolean asymmetric() {
        return keyAlgorithm != null;
    }

    /** The algorithm of a JWS name, ignoring case (as the configuration is read). */
    public static Optional<SigningAlgorithm> of(String name) {
        return Arrays.stream(values()).filter(a -> a.jws.equalsIgnoreCase(name)).findFirst();
    }

    /** The algorithm of a stored JWS name, which must be one. */
    public static SigningAlgorithm named(String name) {
        return Arrays.stream(values())
                .filter(a -> a.jws.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unsupported algorithm " + name));
    }

    /** The JWS names, for messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(SigningAlgorithm::jws).toList();
    }

    @Override
    public String toString() {
        return jws;
    }
}
