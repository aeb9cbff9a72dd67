package io.nfidentity.impl.password;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A password hash another system made, kept until the user's first login replaces it with the configured Argon2id:
 * bcrypt, Argon2i (PHC form), PBKDF2-SHA256 (PHC form, or Django's). Argon2id is read by {@link PasswordHasher}
 * itself. Every check is the library's (Bouncy Castle, the JDK's PBKDF2), compared in constant time.
 */
abstract sealed class ImportedHash {
    static final int MAX_IMPORTED_MEMORY_KIB = 262_144;
    private static final Base64.Decoder B64 = Base64.getDecoder();

    abstract boolean matches(String password);

    /** @return the hash, or {@code null} when it is none of the imported forms (or its parameters are out of bounds) */
    static ImportedHash parse(String s) {
        try {
            if (s.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                int cost = Integer.parseInt(s.substring(4, 6));
                return cost >= 4 && cost <= 17 ? new Bcrypt(s) : null;
            }
            if (s.startsWith("$argon2i$")) {
                return Argon2i.parse(s);
            }
            if (s.startsWith("$pbkdf2-sha256$")) {
                String[] p = s.split("\\$");
                // "", "pbkdf2-sha256", "i=N", salt, hash
                if (p.length != 5 || !p[2].startsWith("i=")) {
                    return null;
                }
                return Pbkdf2.of(Integer.parseInt(p[2].substring(2)), B64.decode(p[3]), B64.decode(p[4]));
            }
            if (s.startsWith("pbkdf2_sha256$")) {
                String[] p = s.split("\\$");
                // Django: algorithm, iterations, salt (its characters are the salt), base64 hash
                if (p.length != 4) {
                    return null;
                }
                return Pbkdf2.of(
                        Integer.parseInt(p[1]),
                        p[2].getBytes(StandardCharsets.UTF_8),
                        Base64.getDecoder().decode(p[3]));
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private static final class Bcrypt extends ImportedHash {
        private final String hash;

        Bcrypt(String hash) {
            this.hash = hash;
        }

        @Override
        boolean matches(String password) {
            return OpenBSDBCrypt.checkPassword(hash, password.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final class Argon2i extends ImportedHash {
        private final int memoryKib;
        private final int iterations;
        private final int parallelism;
        private final byte[] salt;
        private final byte[] hash;

        private Argon2i(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
            this.memoryKib = memoryKib;
            this.iterations = iterations;
            this.parallelism = parallelism;
            this.salt = salt;
            this.hash = hash;
        }

        static Argon2i parse(String s) {
            Phc phc = Phc.parse(s, "argon2i");
            if (phc == null
                    || phc.memoryKib() > MAX_IMPORTED_MEMORY_KIB
                    || phc.iterations() > 20
                    || phc.parallelism() > 16
                    || phc.salt().length < 8
                    || phc.hash().length < 16
                    || phc.hash().length > 64) {
                return null;
            }
            return new Argon2i(phc.memoryKib(), phc.iterations(), phc.parallelism(), phc.salt(), phc.hash());
        }

        @Override
        boolean matches(String password) {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_i)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withSalt(salt)
                    .withMemoryAsKB(memoryKib)
                    .withIterations(iterations)
                    .withParallelism(parallelism)
                    .build());
            byte[] actual = new byte[hash.length];
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), actual);
            return MessageDigest.isEqual(actual, hash);
        }
    }

    private static final class Pbkdf2 extends ImportedHash {
        private final int iterations;
        private final byte[] salt;
        private final byte[] hash;

        private Pbkdf2(int iterations, byte[] salt, byte[] hash) {
            this.iterations = iterations;
            this.salt = salt;
            this.hash = hash;
        }

        static Pbkdf2 of(int iterations, byte[] salt, byte[] hash) {
            if (iterations < 1_000
                    || iterations > 5_000_000
                    || salt.length < 8
                    || hash.length < 16
                    || hash.length > 64) {
                return null;
            }
            return new Pbkdf2(iterations, salt, hash);
        }

        @Override
        boolean matches(String password) {
            try {
                // the JDK's PBKDF2 takes the password's characters and hashes their UTF-8 bytes
                byte[] actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, hash.length * 8))
                        .getEncoded();
                return MessageDigest.isEqual(actual, hash);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }
}
