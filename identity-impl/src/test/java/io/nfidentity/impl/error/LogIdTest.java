package io.nfidentity.impl.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogIdTest {
    @Test
    void everyIdIsUniqueAndListedInTheErrorsPage() throws Exception {
        long distinct =
                Arrays.stream(LogId.values()).map(LogId::toString).distinct().count();
        assertEquals(LogId.values().length, distinct, "two conditions share an id");
        String docs = Files.readString(Path.of("../docs/errors.md"));
        for (LogId id : LogId.values()) {
            assertTrue(docs.contains("`" + id + "`"), id + " (" + id.meaning() + ") is missing from docs/errors.md");
        }
    }
}
