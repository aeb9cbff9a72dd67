package io.nfidentity.impl.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpaqueTokensTest {
    @Test
    void tokensAreUrlSafeWith256RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = OpaqueTokens.generate();
            assertEquals(43, t.length(), t);
            assertTrue(t.matches("[A-Za-z0-9_-]+"), t);
            assertTrue(seen.add(t), "duplicate token");
        }
    }

    @Test
    void onlyAHashIsStoredAndItIsStable() {
        // FIPS 180-2 test vector: the stored value is the plain SHA-256 of the token, in lowercase hex
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", OpaqueTokens.hash("abc"));
        String t = OpaqueTokens.generate();
        assertEquals(64, OpaqueTokens.hash(t).length());
        assertFalse(OpaqueTokens.hash(t).contains(t));
        assertNotEquals(OpaqueTokens.hash(t), OpaqueTokens.hash(t + "x"));
    }

    @Test
    void implausibleInputIsRejectedBeforeAnyLookup() {
        assertTrue(OpaqueTokens.plausible(OpaqueTokens.generate()));
        for (String bad : new String[] {null, "", "has space", "semi;colon", "x".repeat(300), "ä"}) {
            assertFalse(OpaqueTokens.plausible(bad), String.valueOf(bad));
        }
    }

    @Test
    void aSealedSuccessorOpensOnlyWithTheRotatedTokenThatSealedIt() {
        String rotated = OpaqueTokens.generate();
        String successor = OpaqueTokens.generate();
        String sealed = OpaqueTokens.seal(successor, rotated);

        assertEquals(successor, OpaqueTokens.unseal(sealed, rotated));
        assertEquals(null, OpaqueTokens.unseal(sealed, OpaqueTokens.generate()), "another token opens nothing");
        assertEquals(
                null, OpaqueTokens.unseal(sealed, OpaqueTokens.hash(rotated)), "nor does the hash the database keeps");
        assertFalse(sealed.contains(successor), "the successor is not readable from the sealed value");
        String tampered = (sealed.charAt(20) == 'A' ? "B" : "A");
        tampered = sealed.substring(0, 20) + tampered + sealed.substring(21);
        assertEquals(null, OpaqueTokens.unseal(tampered, rotated), "a changed byte fails authentication");
        assertEquals(null, OpaqueTokens.unseal("not base64 !", rotated));
        assertNotEquals(sealed, OpaqueTokens.seal(successor, rotated), "a fresh IV each time");
    }
}
