package io.nfidentity.impl.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * Second factors' shared secrets at rest: sealed with AES-256-GCM ({@link Sealer}) under a key derived from
 * {@code nf.identity.jwt.key-encryption-key} for this purpose alone, the row's id as associated data (a sealed secret
 * copied into another row does not open). A database dump alone yields no authenticator.
 */
public final class SecretSeal {
    private static final byte[] LABEL = "nf-identity factor secret v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    /** @param encryptionKey the configured key-encryption key; empty when none is set (then nothing can be sealed) */
    public SecretSeal(byte[] encryptionKey) {
        try {
            this.key = encryptionKey.length == 0 ? null : Sealer.key(encryptionKey, LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every Java platform", e);
        }
    }

    public String seal(String id, String secret) {
        try {
            return Base64.getEncoder()
                    .encodeToString(Sealer.seal(
                            require(), secret.getBytes(StandardCharsets.UTF_8), id.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a factor's secret", e);
        }
    }

    /** @throws IllegalStateException when the key is not the one that sealed it, or the row was altered */
    public String open(String id, String sealed) {
        try {
            return new String(
                    Sealer.open(require(), Base64.getDecoder().decode(sealed), id.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "a factor's secret does not open with the configured key-encryption key", e);
        }
    }

    private SecretKeySpec require() {
        if (key == null) {
            throw new IllegalStateException("no key-encryption key is configured");
        }
        return key;
    }
}
