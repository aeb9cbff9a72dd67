package io.nfidentity.impl.password;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Argon2EngineTest {
    @Test
    void theNativeLibraryLoadsOnThisPlatform() {
        assertEquals("native", Argon2Engine.select("auto").name(), "CI's Linux x86-64 has a bundled library");
    }

    @Test
    void nativeAndJavaComputeTheSameBytes() {
        Argon2Engine c = new NativeArgon2();
        Argon2Engine java = new JavaArgon2();
        Random random = new Random(42);
        int[][] params = {{1024, 1, 1}, {4096, 2, 1}, {7168, 5, 1}, {2048, 3, 2}, {19_456, 2, 1}};
        for (int[] p : params) {
            byte[] password = new byte[1 + random.nextInt(40)];
            byte[] salt = new byte[16];
            random.nextBytes(password);
            random.nextBytes(salt);
            assertArrayEquals(
                    java.hash(password, salt, p[0], p[1], p[2], 32),
                    c.hash(password, salt, p[0], p[1], p[2], 32),
                    "m=" + p[0] + " t=" + p[1] + " p=" + p[2]);
        }
    }

    @Test
    void aHashMadeByOneEngineVerifiesWithTheOther() {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] pw = "correct horse battery".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(
                new JavaArgon2().hash(pw, salt, 4096, 2, 1, 32), new NativeArgon2().hash(pw, salt, 4096, 2, 1, 32));
    }

    @Test
    void anEmptyPasswordAndOtherLengthsStillHash() {
        byte[] salt = new byte[16];
        assertArrayEquals(
                new JavaArgon2().hash(new byte[0], salt, 1024, 1, 1, 32),
                new NativeArgon2().hash(new byte[0], salt, 1024, 1, 1, 32));
        assertEquals(24, new NativeArgon2().hash(new byte[] {7}, salt, 1024, 1, 1, 24).length);
    }

    @Test
    void forcingJavaGivesJava() {
        assertEquals("java", Argon2Engine.select("java").name());
    }
}
