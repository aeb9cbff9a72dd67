package io.nfidentity.impl.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque tokens, for refresh tokens and the tokens mailed in links alike: 256 random bits, base64url without padding (GoTrue's alphabet, so clients that send it
 * unescaped in form bodies keep working). Only the SHA-256 of a token is stored: with 256 bits of entropy a fast hash
 * is enough, and a database leak yields no usable token.
 */
public final class OpaqueTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_CHARS = 256;
    private static final byte[] SEAL_LABEL = "nf-identity refresh successor v1".getBytes(StandardCharsets.US_ASCII);

    private OpaqueTokens() {}

    /** A new random token, 43 characters of {@code [A-Za-z0-9_-]}. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The value stored and looked up: lowercase hex SHA-256 of the token. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Seals the token a rotation issued so that only the holder of the rotated token can open it: AES-256-GCM under a
     * key derived from the rotated token by HMAC-SHA256 (the database keeps only SHA-256 of that token, from which the
     * key cannot be derived). A concurrent refresh with the rotated token thus gets the same successor back, and no
     * second live token is ever minted.
     */
    public static String seal(String successor, String rotated) {
        try {
            byte[] out = Sealer.seal(sealKey(rotated), successor.getBytes(StandardCharsets.UTF_8), null);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /** The successor sealed by {@link #seal}, or {@code null} when {@code rotated} is not the token that sealed it. */
    public static String unseal(String sealed, String rotated) {
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed);
            return new String(Sealer.open(sealKey(rotated), in, null), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private static SecretKeySpec sealKey(String rotated) throws GeneralSecurityException {
        return Sealer.key(rotated.getBytes(StandardCharsets.UTF_8), SEAL_LABEL);
    }

    /** Cheap shape check before any database work: rejects junk and absurdly long input. */
    public static boolean plausible(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_CHARS) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
