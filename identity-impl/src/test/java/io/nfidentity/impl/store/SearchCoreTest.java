package io.nfidentity.impl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchCoreTest {
    private static final Set<String> COMMON = Set.of("use", "ser", "er-", "r-0", "-07", "ada", "da ", "a 0", " 07");

    @Test
    void theLongestRunWithoutCommonTrigramsIsWhatTheIndexLooksFor() {
        assertEquals(new SearchCore("0777", true), SearchCore.of("user-0777", COMMON));
        assertEquals(new SearchCore("0777", true), SearchCore.of("ada 0777", COMMON));
        assertEquals(new SearchCore("0777123", true), SearchCore.of("a 0777123", COMMON));
    }

    @Test
    void aTermWithoutCommonPartsOrMadeOnlyOfThemIsSearchedAsItIs() {
        assertEquals(new SearchCore("grace", false), SearchCore.of("grace", COMMON));
        assertEquals(new SearchCore("user-", false), SearchCore.of("user-", COMMON));
        assertEquals(new SearchCore("user-0777", false), SearchCore.of("user-0777", Set.of()));
        assertEquals(new SearchCore("ada", false), SearchCore.of("ada", COMMON));
    }
}
