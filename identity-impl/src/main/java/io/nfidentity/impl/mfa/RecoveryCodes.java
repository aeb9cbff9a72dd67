package io.nfidentity.impl.mfa;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ten single-use recovery codes, as Keycloak gives them: 12 random base32 characters (60 bits) each, shown as
 * {@code xxxx-xxxx-xxxx}, stored only as SHA-256 hashes (a fast hash suffices for random codes whose use is limited
 * per account). Typed input is forgiving: case, spaces and dashes do not matter.
 */
final class RecoveryCodes {
    static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {}

    static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder b = new StringBuilder(14);
            for (int j = 0; j < 12; j++) {
                if (j == 4 || j == 8) {
                    b.append('-');
                }
                b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(b.toString());
        }
        return codes;
    }

    /** The stored form of a code as typed, or {@code null} when it cannot be one. */
    static String hash(String typed) {
        if (typed == null || typed.length() > 40) {
            return null;
        }
        String normal = typed.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (normal.length() != 12 || !normal.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return null;
        }
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(normal.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static List<String> hashes(List<String> codes) {
        return codes.stream().map(RecoveryCodes::hash).toList();
    }
}
