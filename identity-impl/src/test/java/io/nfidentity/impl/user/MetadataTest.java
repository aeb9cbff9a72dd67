package io.nfidentity.impl.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {
    @Test
    void changesMergeKeyByKeyAndNullDeletes() {
        Map<String, Object> stored = new LinkedHashMap<>(Map.of("a", 1, "b", 2, "c", 3));
        Map<String, Object> changes = new HashMap<>();
        changes.put("b", null);
        changes.put("c", 30);
        changes.put("d", "new");

        assertEquals(Map.of("a", 1, "c", 30, "d", "new"), Metadata.merge(stored, changes));
        assertEquals(Map.of("a", 1, "b", 2, "c", 3), stored, "the stored map is not changed in place");
    }

    @Test
    void noChangesKeepsEverythingAndDeletingAbsentKeysIsHarmless() {
        Map<String, Object> changes = new HashMap<>();
        changes.put("missing", null);
        assertEquals(Map.of("a", 1), Metadata.merge(Map.of("a", 1), null));
        assertEquals(Map.of("a", 1), Metadata.merge(Map.of("a", 1), changes));
        assertEquals(Map.of(), Metadata.merge(null, changes));
    }
}
