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
        String t = RefreshTokens.generate();
        assertEquals(RefreshTokens.hash(t), RefreshTokens.hash(t));
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
}
