package io.nfidentity.impl.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque refresh tokens: 256 random bits, base64url without padding (GoTrue's alphabet, so clients that send it
 * unescaped in form bodies keep working). Only the SHA-256 of a token is stored: with 256 bits of entropy a fast hash
 * is enough, and a database leak yields no usable token.
 */
public final class RefreshTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_CHARS = 256;

    private RefreshTokens() {}

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
