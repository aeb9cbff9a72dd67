package io.nfidentity.impl.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTokensTest {
    @Test
    void tokensAreUrlSafeWith256RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = RefreshTokens.generate();
            assertEquals(43, t.length(), t);
            assertTrue(t.matches("[A-Za-z0-9_-]+"), t);
            assertTrue(seen.add(t), "duplicate token");
        }
    }

    @Test
    void onlyAHashIsStoredAndItIsStable() {
        // FIPS 180-2 test vector: the stored value is the plain SHA-256 of the token, in lowercase hex
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", RefreshTokens.hash("abc"));
        String t = RefreshTokens.generate();
        assertEquals(64, RefreshTokens.hash(t).length());
        assertFalse(RefreshTokens.hash(t).contains(t));
        assertNotEquals(RefreshTokens.hash(t), RefreshTokens.hash(t + "x"));
    }

    @Test
    void implausibleInputIsRejectedBeforeAnyLookup() {
        assertTrue(RefreshTokens.plausible(RefreshTokens.generate()));
        for (String bad : new String[] {null, "", "has space", "semi;colon", "x".repeat(300), "ä"}) {
            assertFalse(RefreshTokens.plausible(bad), String.valueOf(bad));
        }
    }

    @Test
    void aSealedSuccessorOpensOnlyWithTheRotatedTokenThatSealedIt() {
        String rotated = RefreshTokens.generate();
        String successor = RefreshTokens.generate();
        String sealed = RefreshTokens.seal(successor, rotated);

        assertEquals(successor, RefreshTokens.unseal(sealed, rotated));
        assertEquals(null, RefreshTokens.unseal(sealed, RefreshTokens.generate()), "another token opens nothing");
        assertEquals(
                null,
                RefreshTokens.unseal(sealed, RefreshTokens.hash(rotated)),
                "nor does the hash the database keeps");
        assertFalse(sealed.contains(successor), "the successor is not readable from the sealed value");
        String tampered = (sealed.charAt(20) == 'A' ? "B" : "A");
        tampered = sealed.substring(0, 20) + tampered + sealed.substring(21);
        assertEquals(null, RefreshTokens.unseal(tampered, rotated), "a changed byte fails authentication");
        assertEquals(null, RefreshTokens.unseal("not base64 !", rotated));
        assertNotEquals(sealed, RefreshTokens.seal(successor, rotated), "a fresh IV each time");
    }
}
