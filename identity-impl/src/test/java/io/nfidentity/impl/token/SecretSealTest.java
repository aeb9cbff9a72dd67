package io.nfidentity.impl.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretSealTest {
    private static final byte[] KEK = "unit-test-key-encryption-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void aSealedSecretOpensForItsOwnRowWithTheSameKeyOnly() {
        SecretSeal seal = new SecretSeal(KEK);
        String sealed = seal.seal("row-1", SECRET);
        assertFalse(sealed.contains(SECRET), "the stored form does not hold the secret");
        assertNotEquals(sealed, seal.seal("row-1", SECRET), "a random IV each time");
        assertEquals(SECRET, seal.open("row-1", sealed));
        assertThrows(IllegalStateException.class, () -> seal.open("row-2", sealed), "copied into another row");
        byte[] other = "another-key-encryption-key-0123456789ab".getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalStateException.class, () -> new SecretSeal(other).open("row-1", sealed), "another key");
        assertThrows(IllegalStateException.class, () -> seal.open("row-1", "not base64!"), "an altered row");
        assertThrows(IllegalStateException.class, () -> new SecretSeal(new byte[0]).seal("row-1", SECRET));
    }
}
