package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Stoplight's Prism (npm: {@code @stoplight/prism-cli}) as a validating proxy in front of a running server: it
 * forwards each request to the API and reports, in the {@code sl-violations} header of the answer, every way the
 * request or the answer departs from the OpenAPI document. The document is the one the server serves at
 * {@code /openapi.yaml}, so what is checked is what is deployed.
 */
final class Prism implements AutoCloseable {
    static final int PORT = 4010;
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            // HTTP/1.1: Java's default h2c upgrade headers would be forwarded, and the server's HTTP/2 answer hang
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Process process;
    /** The document's operations, "METHOD /template", with the template as a pattern over request paths. */
    final Map<String, Pattern> operations;

    final Map<String, Object> document;

    private Prism(Process process, Map<String, Object> document) {
        this.process = process;
        this.document = document;
        this.operations = operations(document);
    }

    /** Starts Prism in front of the API at {@code api} (ending in {@code /.netlify/identity/}). */
    static Prism start(String api) throws Exception {
        Path dir = NodeHooks.install();
        assertTrue(!listening(), "port " + PORT + " is taken: another Prism, or another program, listens there");
        HttpResponse<String> served = CLIENT.send(
                HttpRequest.newBuilder(URI.create(api + "openapi.yaml")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(served.statusCode() == 200, "the server serves its OpenAPI document: " + served.statusCode());
        Path doc = dir.resolve("openapi.yaml");
        Files.writeString(doc, served.body(), StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> document =
                (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(served.body());
        Process process = new ProcessBuilder(
                        "node_modules/.bin/prism",
                        "proxy",
                        "openapi.yaml",
                        api.substring(0, api.length() - 1),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(PORT))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prism.log").toFile())
                .start();
        Instant until = Instant.now().plusSeconds(60);
        while (!listening()) {
            assertTrue(process.isAlive() && Instant.now().isBefore(until), "Prism did not start, see prism.log");
            Thread.sleep(200);
        }
        return new Prism(process, document);
    }

    private static boolean listening() {
        try {
            CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Where to send requests: Prism's root stands for {@code /.netlify/identity/}. */
    static String base() {
        return "http://127.0.0.1:" + PORT + "/";
    }

    /** Prism's findings on one answer, each as "request|response location: message". */
    static List<String> violations(Map<String, List<String>> headers) {
        List<String> out = new ArrayList<>();
        headers.forEach((name, values) -> {
            if (name.equalsIgnoreCase("sl-violations")) {
                for (String v : values) {
                    JsonArray all =
                            jakarta.json.Json.createReader(new StringReader(v)).readArray();
                    for (JsonValue each : all) {
                        JsonObject o = each.asJsonObject();
                        String where = o.getJsonArray("location").stream()
                                .map(l -> l.getValueType() == JsonValue.ValueType.STRING
                                        ? ((jakarta.json.JsonString) l).getString()
                                        : l.toString())
                                .collect(Collectors.joining("."));
                        out.add(where + ": " + o.getString("message", "?"));
                    }
                }
            }
        });
        return out;
    }

    /** Only the findings about the answer (a malformed request's own violations are the point of sending it). */
    static List<String> responseViolations(Map<String, List<String>> headers) {
        return violations(headers).stream()
                .filter(v -> v.startsWith("response"))
                .toList();
    }

    /** The document operation a request matches ("METHOD /template"), or {@code null}. */
    String operationOf(String method, String path) {
        String bare = path.split("\\?", 2)[0];
        String best = null;
        for (var e : operations.entrySet()) {
            if (e.getKey().startsWith(method + " ")
                    && e.getValue().matcher(bare).matches()) {
                // a literal path wins over a template that also matches it (/factors/recovery-codes)
                if (best == null || !e.getKey().contains("{")) {
                    best = e.getKey();
                }
            }
        }
        return best;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Pattern> operations(Map<String, Object> document) {
        Map<String, Pattern> ops = new LinkedHashMap<>();
        ((Map<String, Object>) document.get("paths")).forEach((path, item) -> {
            Pattern p = Pattern.compile("/?" + path.substring(1).replaceAll("\\{[^}]+}", "[^/]+"));
            for (String method : ((Map<String, Object>) item).keySet()) {
                if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                    ops.put(method.toUpperCase() + " " + path, p);
                }
            }
        });
        return ops;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
