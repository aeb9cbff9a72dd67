package io.nfidentity.impl.rest.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.AuditAction;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The console's and the account page's files: each one the resource serves is in the JAR, every text key the pages
 * use has an English text, the audit filter offers exactly the actions there are, and no page holds inline script or
 * style (the Content-Security-Policy would block it).
 */
class PagesTest {
    private static final String ROOT = "/io/nfidentity/impl/pages/";

    private static String read(String name) throws Exception {
        try (InputStream in = PagesTest.class.getResourceAsStream(ROOT + name)) {
            assertNotNull(in, "missing: " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String file(String served) throws Exception {
        return read(served.endsWith("/") ? served + "index.html" : served);
    }

    @Test
    void everyServedFileIsInTheJarAndNoPageHasInlineScriptOrStyle() throws Exception {
        for (String served : PagesResource.FILES.keySet()) {
            String text = file(served);
            if (served.endsWith("/")) {
                assertFalse(
                        Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(text).find(), served + ": inline script");
                assertFalse(text.contains("<style") || text.contains(" style="), served + ": inline style");
                assertFalse(
                        text.contains(" on")
                                && Pattern.compile("\\son[a-z]+=").matcher(text).find(),
                        served + ": an inline event handler");
            }
        }
    }

    @Test
    void everyTextKeyThePagesUseHasAnEnglishText() throws Exception {
        JsonObject english = Json.createReader(new java.io.StringReader(read("ui/text/en.json")))
                .readObject();
        Set<String> used = new TreeSet<>();
        Pattern call = Pattern.compile("\\bt\\('([a-zA-Z0-9_.]+)'");
        Pattern attribute = Pattern.compile("data-t(?:-placeholder|-label)?=\"([a-zA-Z0-9_.]+)\"");
        for (String served : PagesResource.FILES.keySet()) {
            String text = file(served);
            for (Pattern p : new Pattern[] {call, attribute}) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        used.remove("duration."); // built as 'duration.' + d
        for (String d : new String[] {"1h", "24h", "168h", "720h"}) {
            used.add("duration." + d);
        }
        assertTrue(used.size() > 50, "the scan found the keys: " + used.size());
        Set<String> missing =
                used.stream().filter(k -> !english.containsKey(k)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "keys without an English text");
    }

    @Test
    void theAuditFilterOffersExactlyTheActionsThereAre() throws Exception {
        String console = read("console/audit.js");
        Matcher m = Pattern.compile("const ACTIONS = \\[([^\\]]*)\\]").matcher(console);
        assertTrue(m.find());
        Set<String> offered = Arrays.stream(m.group(1).split(","))
                .map(s -> s.trim().replace("'", ""))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> actions = Arrays.stream(AuditAction.values())
                .map(AuditAction::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(actions, offered);
    }
}
