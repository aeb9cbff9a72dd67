package io.nfidentity.impl.password;

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
}
