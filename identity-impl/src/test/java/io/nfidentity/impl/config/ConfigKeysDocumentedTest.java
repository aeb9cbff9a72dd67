package io.nfidentity.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.mail.MailTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one configuration table, {@code docs/configuration.md}, and the keys the module reads are the same list: the
 * keys are the ones {@link ConfigReader} and {@link MailTemplates} ask for (recorded as they read, not scanned from
 * the source), on a configuration that takes every branch; each has a row, and each row names a key that is read.
 */
class ConfigKeysDocumentedTest {
    /** A row's first cell: one key, or several that go together ({@code client-id}, {@code secret}). */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| (`nf\\.identity\\.[^|]+) \\|");

    private static final Pattern KEY = Pattern.compile("`(nf\\.identity\\.[^`]+)`");
    private static final String GENERIC = "corp";

    /** Values that make the readers ask for every key: an asymmetric algorithm, every provider, a generic one. */
    private static Map<String, String> everyBranch() {
        Map<String, String> v = new HashMap<>();
        v.put("nf.identity.jwt.algorithm", "RS256");
        v.put("nf.identity.jwt.key-encryption-key", "k".repeat(32));
        for (String p : External.BUILT_IN) {
            v.put("nf.identity.external." + p + ".client-id", "id");
            v.put("nf.identity.external." + p + ".secret", "secret");
        }
        v.put("nf.identity.external.oidc", GENERIC);
        v.put("nf.identity.external.oidc." + GENERIC + ".issuer", "https://sso.example.com");
        v.put("nf.identity.external.oidc." + GENERIC + ".client-id", "id");
        v.put("nf.identity.external.oidc." + GENERIC + ".secret", "secret");
        return v;
    }

    /** Every key read, with a generic provider's name and a mail's kind written as the table writes them. */
    private static Set<String> keysRead() {
        Set<String> read = new TreeSet<>();
        for (String key : ConfigReader.keysAskedFor(everyBranch())) {
            read.add(key.replace(".oidc." + GENERIC + ".", ".oidc.<name>."));
        }
        new MailTemplates(key -> {
            String generic = key;
            for (MailKind kind : MailKind.values()) {
                generic = generic.replace(".mail." + kind.key() + ".", ".mail.<kind>.");
            }
            read.add(generic);
            return Optional.empty();
        });
        return read;
    }

    private static Set<String> rows() throws Exception {
        Set<String> rows = new TreeSet<>();
        Matcher m = ROW.matcher(Files.readString(Path.of("../docs/configuration.md")));
        while (m.find()) {
            Matcher key = KEY.matcher(m.group(1));
            while (key.find()) {
                rows.add(key.group(1));
            }
        }
        return rows;
    }

    @Test
    void everyKeyTheModuleReadsHasARowAndEveryRowIsAKeyItReads() throws Exception {
        Set<String> read = keysRead();
        assertTrue(read.size() > 60, "the readers were asked for their keys: " + read);
        Set<String> undocumented = new TreeSet<>(read);
        undocumented.removeAll(rows());
        Set<String> stale = new TreeSet<>(rows());
        stale.removeAll(read);
        assertEquals(Set.of(), undocumented, "keys read but missing from docs/configuration.md");
        assertEquals(Set.of(), stale, "rows of docs/configuration.md that name no key the module reads");
    }
}
