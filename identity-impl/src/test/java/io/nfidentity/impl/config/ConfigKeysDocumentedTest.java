package io.nfidentity.impl.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every key {@link ConfigReader} reads has a row in the one configuration table, {@code docs/configuration.md}. */
class ConfigKeysDocumentedTest {
    private static final Pattern KEY =
            Pattern.compile("(?:string|bool|integer|seconds|millis|number|list)\\(\"([a-z0-9.-]+)\"");

    @Test
    void everyKeyTheReaderReadsIsInTheConfigurationTable() throws Exception {
        Set<String> keys = new TreeSet<>();
        Matcher m = KEY.matcher(Files.readString(Path.of("src/main/java/io/nfidentity/impl/config/ConfigReader.java"))
                + Files.readString(Path.of("src/main/java/io/nfidentity/impl/config/ExternalReader.java")));
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertTrue(keys.size() > 30, "the scan found the keys: " + keys);
        String table = Files.readString(Path.of("../docs/configuration.md"));
        for (String key : keys) {
            assertTrue(table.contains("| `" + ConfigReader.PREFIX + key + "` |"), key + " is missing from the table");
        }
    }
}
