package io.nfidentity.impl.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.ValidationException;
import io.nfidentity.impl.TestConfig;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(TestConfig.config());

    @Test
    void hashIsArgon2idInPhcFormatAndVerifies() {
        String hash = hasher.hash("correct horse");
        assertTrue(hash.startsWith("$argon2id$v=19$m=1024,t=1,p=1$"), hash);
        assertTrue(hasher.verify("correct horse", hash), "right password must verify");
        assertFalse(hasher.verify("correct horsE", hash), "wrong password must not verify");
    }

    @Test
    void samePasswordHashesDifferentlyEachTime() {
        assertNotEquals(hasher.hash("pw-123456"), hasher.hash("pw-123456"), "salts must differ");
    }

    @Test
    void bcryptHashesFromGoTrueStillVerify() {
        byte[] salt = new byte[16];
        String bcrypt = OpenBSDBCrypt.generate("2a", "imported pw".getBytes(StandardCharsets.UTF_8), salt, 10);
        assertTrue(hasher.verify("imported pw", bcrypt), "bcrypt $2a$ hash must verify");
        assertFalse(hasher.verify("other pw", bcrypt));
        assertTrue(hasher.needsRehash(bcrypt), "bcrypt is upgraded to Argon2id at the next login");
    }

    @Test
    void missingOrCorruptHashNeverVerifies() {
        for (String stored : new String[] {null, "", "plain", "$argon2id$v=19$m=1,t=1,p=1$AA$AA", "$argon2i$v=19$x"}) {
            assertFalse(hasher.verify("anything", stored), "verified against " + stored);
        }
    }

    @Test
    void hashWithOtherParametersVerifiesButNeedsRehash() {
        var stronger = new PasswordHasher(TestConfig.with("argon2.memory-kib", "2048", "argon2.iterations", "2"));
        String old = hasher.hash("pw-123456");
        assertTrue(stronger.verify("pw-123456", old), "parameters travel in the hash");
        assertTrue(stronger.needsRehash(old));
        assertFalse(stronger.needsRehash(stronger.hash("pw-123456")));
    }

    @Test
    void policyRequiresMinimumLengthAndCapsMaximum() {
        PasswordPolicy policy = new PasswordPolicy(8);
        assertThrows(ValidationException.class, () -> policy.check(null));
        assertThrows(ValidationException.class, () -> policy.check(""));
        assertThrows(ValidationException.class, () -> policy.check("1234567"));
        assertThrows(ValidationException.class, () -> policy.check("x".repeat(1025)));
        policy.check("12345678");
        policy.check("ünïcødé!"); // 8 code points
    }

    private static String argon2i(String password, int m, int t, int p) {
        byte[] salt = "saltsaltsaltsalt".getBytes(StandardCharsets.UTF_8);
        org.bouncycastle.crypto.generators.Argon2BytesGenerator g =
                new org.bouncycastle.crypto.generators.Argon2BytesGenerator();
        g.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                        org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_i)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(m)
                .withIterations(t)
                .withParallelism(p)
                .build());
        byte[] out = new byte[32];
        g.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
        return "$argon2i$v=19$m=" + m + ",t=" + t + ",p=" + p + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(out);
    }

    @Test
    void hashesFromOtherSystemsAreImportedVerifiedAndUpgradedAtTheNextLogin() {
        byte[] salt = new byte[16];
        java.util.List<String> imported = java.util.List.of(
                OpenBSDBCrypt.generate("2b", "imported pw".getBytes(StandardCharsets.UTF_8), salt, 4),
                OpenBSDBCrypt.generate("2y", "imported pw".getBytes(StandardCharsets.UTF_8), salt, 4),
                argon2i("imported pw", 1024, 2, 1),
                new PasswordHasher(TestConfig.with("argon2.memory-kib", "2048")).hash("imported pw"),
                // Python: hashlib.pbkdf2_hmac('sha256', pw, salt, 1000, 32)
                "$pbkdf2-sha256$i=1000$MDEyMzQ1Njc4OWFiY2RlZg$BVALGMmC/K/8ELErc5VgJxyPFApArIZRCQsqjEgZWJ4",
                "pbkdf2_sha256$1000$djangosalt123$vlWBfC1d6kaVqHXUSRZCC8szkX2nKeSf8xujyzGniiQ=");
        for (String hash : imported) {
            String pw = hash.contains("pbkdf2") ? "correct horse battery" : "imported pw";
            assertEquals(hash, hasher.importable(" " + hash + " "), "accepted: " + hash);
            assertTrue(hasher.verify(pw, hash), "the right password: " + hash);
            assertFalse(hasher.verify(pw + "x", hash), "a wrong one: " + hash);
            assertTrue(hasher.needsRehash(hash), "replaced by the configured Argon2id at the next login: " + hash);
        }
    }

    @Test
    void publishedTestVectorsOfOtherImplementationsVerify() {
        // Openwall's crypt_blowfish test vector (the C implementation behind PHP and many Linux systems)
        String bcrypt = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
        assertTrue(hasher.verify("U*U", hasher.importable(bcrypt)));
        // the Argon2 reference implementation's README: echo -n password | argon2 somesalt -t 2 -m 16 -p 4 -l 24 -i
        String argon2i = "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG";
        assertTrue(hasher.verify("password", hasher.importable(argon2i)));
        assertFalse(hasher.verify("passwore", argon2i));
    }

    @Test
    void hashesInOtherFormsOrWithParametersThatCouldExhaustTheServerAreRefused() {
        byte[] salt = new byte[16];
        for (String hash : new String[] {
            null,
            "",
            "5f4dcc3b5aa765d61d8327deb882cf99", // unsalted MD5
            "$1$saltsalt$qjXMvbEw8oaL.CzflDugX/", // md5crypt
            "$2a$18$"
                    + OpenBSDBCrypt.generate("2a", "x".getBytes(StandardCharsets.UTF_8), salt, 4)
                            .substring(7),
            argon2i("x", 524_288, 1, 1), // 512 MiB a login
            argon2i("x", 1024, 21, 1),
            "$pbkdf2-sha256$i=10$MDEyMzQ1Njc4OWFiY2RlZg$BVALGMmC/K/8ELErc5VgJxyPFApArIZRCQsqjEgZWJ4",
            "$pbkdf2-sha256$i=1000$MDEyMzQ1Njc4OWFiY2RlZg$not*base64",
            "pbkdf2_sha1$1000$salt$aGFzaA==",
            "$argon2d$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"
        }) {
            io.nfidentity.ValidationException e =
                    assertThrows(io.nfidentity.ValidationException.class, () -> hasher.importable(hash), hash);
            assertEquals(PasswordHasher.HASH_UNSUPPORTED, e.errorCode());
        }
    }
}
