package io.nfidentity.impl.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code error_code} the implementation ({@code Problem}) and the API's exceptions can answer is listed in
 * {@code docs/errors.md}.
 */
class ErrorCodesDocumentedTest {
    private static final Pattern CODE = Pattern.compile(
            "(?:IdentityException|super|ErrorBody\\.response)\\(\\s*\\d{3},\\s*\"([a-z_]+)\"|ValidationException\\(\"([a-z_]+)\"");

    @Test
    void everyErrorCodeInTheSourcesIsInTheErrorsPage() throws IOException {
        Set<String> codes = new TreeSet<>();
        for (io.nfidentity.impl.error.Problem p : io.nfidentity.impl.error.Problem.values()) {
            codes.add(p.code());
        }
        for (String root : new String[] {"src/main/java", "../identity-api/src/main/java"}) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = CODE.matcher(Files.readString(f));
                    while (m.find()) {
                        codes.add(m.group(1) != null ? m.group(1) : m.group(2));
                    }
                }
            }
        }
        assertTrue(codes.size() > 20, "the scan found the codes: " + codes);
        String docs = Files.readString(Path.of("../docs/errors.md"));
        for (String code : codes) {
            assertTrue(docs.contains("`" + code + "`"), code + " is answered but missing from docs/errors.md");
        }
    }
}
