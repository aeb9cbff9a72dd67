package io.nfidentity.impl.password;

import java.util.Base64;

/**
 * The parts of an Argon2 hash in the PHC string format, {@code $<type>$v=19$m=..,t=..,p=..$<salt>$<hash>} (base64
 * without padding): what {@link PasswordHasher} stores for Argon2id, and what {@link ImportedHash} reads for Argon2i.
 */
record Phc(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    private static final Base64.Decoder B64D = Base64.getDecoder();

    /**
     * @param type {@code argon2id} or {@code argon2i}
     * @return the parts, or {@code null} when the string is not of that type and version, or its parameters are
     *     absurd (a bad row must not exhaust memory)
     */
    static Phc parse(String s, String type) {
        String[] parts = s.split("\\$");
        // "", type, "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[1].equals(type) || !parts[2].equals("v=19")) {
            return null;
        }
        try {
            int m = 0, t = 0, p = 0;
            for (String kv : parts[3].split(",")) {
                String[] pair = kv.split("=", 2);
                int v = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = v;
                    case "t" -> t = v;
                    case "p" -> p = v;
                    default -> {
                        return null;
                    }
                }
            }
            if (m < 8 || m > 4_194_304 || t < 1 || t > 1000 || p < 1 || p > 64) {
                return null;
            }
            return new Phc(m, t, p, B64D.decode(parts[4]), B64D.decode(parts[5]));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
