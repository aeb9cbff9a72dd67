package io.nfidentity.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A fuzz run driven by the OpenAPI document, through {@link Prism}: for each operation, requests a careless or
 * hostile client sends (path variables that are no ids, query values of every wrong kind, bodies that are not JSON,
 * not objects, nested too deep, too large, of another media type, with each documented field of a wrong type), with
 * no credentials, bad ones and right ones. The requests break the document on purpose; the answers must not: each
 * must be one the document describes, and none a 5xx.
 */
final class ContractFuzz {
    record Report(int requests, List<String> serverErrors, List<String> violations) {}

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private static final List<String> BAD_PATH_VALUES = List.of(
            "not-a-uuid", "%2e%2e", "%00", "x".repeat(600), "-1", "%E2%82%AC", "00000000-0000-0000-0000-00000000000g");
    private static final List<String> BAD_QUERY_VALUES = List.of(
            "", "-1", "0", "99999999999999999999", "%25", "x".repeat(3000), "'%20OR%20'1'='1", "%00", "true%0d%0aX:1");
    /** JSON objects and arrays of the wrong shape: Prism forwards these as they are. */
    private static final List<String> BAD_JSON_BODIES =
            List.of("[]", "{}", "{\"a\":1,\"a\":2}", "[{\"email\":{}}]", "{\"x\":\"" + "y".repeat(20000) + "\"}");
    /**
     * Bodies Prism does not forward as they are (it parses JSON and writes it again: {@code "text"} arrives as
     * {@code text}, {@code null} as nothing, and a PATCH with {@code null} hangs; text that is no JSON it answers
     * itself): sent straight to the server, whose answer the test checks for GoTrue's error shape.
     */
    private static final List<String> UNFORWARDABLE_BODIES =
            List.of("", "{", "null", "\"text\"", "1", "[".repeat(8000), "\uFEFF{}", "{\"email\":1e999999}", "{\"a\":}");
    /** Values of the wrong type, or hostile, for each documented field of a body. */
    private static final List<String> BAD_FIELD_VALUES = List.of(
            "0",
            "true",
            "[]",
            "{}",
            "null",
            "\"\\u0000\"",
            "{\"k\\u0000\":{\"v\":[\"\\u0000\"]}}",
            "\"" + "z".repeat(5000) + "\"",
            "-1.5e308");
    /** JSON lines for the import: broken, hostile and NUL-bearing users. */
    private static final String BAD_LINES = "{\"email\":\"a\\u0000@it.example.com\"}\n"
            + "{\"email\":\"nul-" + UUID.randomUUID() + "@it.example.com\",\"user_metadata\":{\"a\":\"\\u0000\"}}\n"
            + "{\"email\":\"nul-" + UUID.randomUUID()
            + "@it.example.com\",\"app_metadata\":{\"roles\":[\"\\u0000\"]}}\n"
            + "{\"email\":[]}\n[]\nnull\n{\n\n" + "x".repeat(20000) + "\n";

    private static final List<String[]> BAD_AUTH = List.of(
            new String[0],
            new String[] {"Authorization", "Bearer"},
            new String[] {"Authorization", "Bearer not.a.jwt"},
            new String[] {"Authorization", "Basic dXNlcjpwYXNz"},
            new String[] {"Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."});

    private final Prism prism;
    /** The API itself, {@code .../.netlify/identity/}, for what Prism cannot carry. */
    private final String api;

    private final Supplier<String> userToken;
    private final String operator;
    private final List<String> serverErrors = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private int requests;
    /** Whether the operation under test redirects: Prism follows redirects, so those go straight to the server. */
    private boolean redirects;

    /**
     * @param userToken a fresh access token of a fresh user, asked once per operation (an operation such as
     *     {@code DELETE /user} may spend it)
     * @param operator the operator token's header value, for the admin API
     */
    ContractFuzz(Prism prism, String api, Supplier<String> userToken, String operator) {
        this.prism = prism;
        this.api = api;
        this.userToken = userToken;
        this.operator = operator;
    }

    @SuppressWarnings("unchecked")
    Report run() throws Exception {
        Map<String, Object> paths = (Map<String, Object>) prism.document.get("paths");
        for (var path : paths.entrySet()) {
            for (var op : ((Map<String, Object>) path.getValue()).entrySet()) {
                String method = op.getKey().toUpperCase();
                if (List.of("GET", "PUT", "POST", "DELETE", "PATCH").contains(method)) {
                    operation(method, path.getKey(), (Map<String, Object>) op.getValue());
                }
            }
        }
        return new Report(requests, serverErrors, violations);
    }

    @SuppressWarnings("unchecked")
    private void operation(String method, String template, Map<String, Object> spec) throws Exception {
        List<Map<String, Object>> security = (List<Map<String, Object>>) spec.getOrDefault("security", List.of());
        boolean admin = security.stream().anyMatch(s -> s.containsKey("admin"));
        boolean user = security.stream().anyMatch(s -> s.containsKey("bearer"));
        String[] auth = admin
                ? new String[] {"Authorization", operator}
                : user ? new String[] {"Authorization", "Bearer " + userToken.get()} : new String[0];
        if (method.equals("POST") && template.equals("/admin/keys")) {
            auth = new String[0]; // a new signing key would change what the next test classes find
        }
        String path = fill(template, Map.of());
        redirects =
                ((Map<String, Object>) spec.get("responses")).keySet().stream().anyMatch(k -> k.startsWith("3"));

        for (String[] bad : BAD_AUTH) {
            send(method, path, null, null, bad);
        }
        for (String variable : variables(template)) {
            for (String value : BAD_PATH_VALUES) {
                send(method, fill(template, Map.of(variable, value)), null, null, auth);
            }
        }
        for (Map<String, Object> p : (List<Map<String, Object>>) spec.getOrDefault("parameters", List.of())) {
            Map<String, Object> param = resolve(p);
            if ("query".equals(param.get("in"))) {
                for (String value : BAD_QUERY_VALUES) {
                    send(method, path + "?" + param.get("name") + "=" + value, null, null, auth);
                }
            } else if ("header".equals(param.get("in"))) {
                send(method, path, null, null, concat(auth, (String) param.get("name"), "x".repeat(7000)));
            }
        }
        Map<String, Object> body = (Map<String, Object>) spec.get("requestBody");
        if (body == null) {
            return;
        }
        Map<String, Object> content = (Map<String, Object>) body.get("content");
        for (String json : BAD_JSON_BODIES) {
            send(method, path, "application/json", json, auth);
        }
        for (String json : UNFORWARDABLE_BODIES) {
            direct(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8), auth);
        }
        direct(method, path, "application/json", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, auth);
        send(method, path, "text/plain", "x", auth);
        send(method, path, "application/xml", "<a/>", auth);
        send(method, path, null, "{}", auth);
        send(method, path, "application/json; charset=utf-16", "{}", auth);
        send(method, path, "application/x-www-form-urlencoded", "a=%ZZ&&=&grant_type", auth);
        for (String lines : content.keySet()) {
            if (lines.contains("ndjson") || lines.contains("jsonl")) {
                send(method, path, lines, BAD_LINES, auth);
            }
        }
        for (var media : content.entrySet()) {
            Map<String, Object> schema = resolve(
                    (Map<String, Object>) ((Map<String, Object>) media.getValue()).getOrDefault("schema", Map.of()));
            Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            for (String field : props.keySet()) {
                for (String value : BAD_FIELD_VALUES) {
                    String payload = media.getKey().contains("json")
                            ? "{\"" + field + "\":" + value + "}"
                            : field + "=" + value.replace("\"", "") + "&grant_type=password";
                    send(method, path, media.getKey(), payload, auth);
                }
            }
        }
    }

    /** The template with each variable set: to the given value, else a random (well-formed, unknown) UUID. */
    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (String v : variables(template)) {
            out = out.replace(
                    "{" + v + "}", values.getOrDefault(v, UUID.randomUUID().toString()));
        }
        return out.substring(1);
    }

    private static List<String> variables(String template) {
        List<String> out = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (!(ref instanceof String r)) {
            return node;
        }
        Object at = prism.document;
        for (String part : r.substring(2).split("/")) {
            at = ((Map<String, Object>) at).get(part);
        }
        return resolve((Map<String, Object>) at);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private void send(String method, String path, String type, Object body, String... headers) throws Exception {
        if (redirects) {
            direct(
                    method,
                    path,
                    type,
                    body == null
                            ? null
                            : body instanceof byte[] b ? b : ((String) body).getBytes(StandardCharsets.UTF_8),
                    headers);
            return;
        }
        byte[] bytes =
                body == null ? null : body instanceof byte[] b ? b : ((String) body).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = exchange(Prism.base() + path, method, type, bytes, headers);
        String what = method + " /" + abbreviate(path)
                + (bytes == null ? "" : " [" + type + "] " + abbreviate(new String(bytes, StandardCharsets.UTF_8)));
        if (r.statusCode() >= 500) {
            serverErrors.add(what + " -> " + r.statusCode() + " " + abbreviate(r.body()));
        }
        List<String> found =
                Prism.responseViolations(new LinkedHashMap<>(r.headers().map()));
        if (!found.isEmpty() && !refusedByContainer(path, r)) {
            violations.add(what + " -> " + r.statusCode() + " " + found + " " + abbreviate(r.body()));
        }
    }

    /** One request, counted; {@code type} and {@code body} may be {@code null}. */
    private HttpResponse<String> exchange(String url, String method, String type, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        requests++;
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Payara's HTTP server (Grizzly) refuses an encoded NUL in the path itself, with an empty 400, before the request
     * reaches the application: no answer of the API, so not the document's to describe. Only exactly that is let
     * through (WildFly lets such a path through, and the API answers it as documented).
     */
    private static boolean refusedByContainer(String path, HttpResponse<String> r) {
        return path.split("\\?", 2)[0].contains("%00")
                && r.statusCode() == 400
                && r.body().isEmpty()
                && r.headers().firstValue("Content-Type").isEmpty();
    }

    /**
     * A request straight to the server: its answer must be no 5xx and, as the document says of every error, GoTrue's
     * {@code {"code","msg"}} with the status as {@code code} (OAuth's {@code {"error"}} at {@code /token}).
     */
    private void direct(String method, String path, String type, byte[] body, String... headers) throws Exception {
        HttpResponse<String> r = exchange(api + path, method, type, body, headers);
        String what = method + " /" + abbreviate(path) + " (direct) "
                + (body == null ? "" : abbreviate(new String(body, StandardCharsets.UTF_8)));
        if (r.statusCode() >= 500) {
            serverErrors.add(what + " -> " + r.statusCode() + " " + abbreviate(r.body()));
            return;
        }
        if (r.statusCode() < 400) {
            return;
        }
        try {
            jakarta.json.JsonObject error = jakarta.json.Json.createReader(new java.io.StringReader(r.body()))
                    .readObject();
            boolean gotrue = error.getInt("code", -1) == r.statusCode() && error.containsKey("msg");
            boolean oauth = path.startsWith("token") && error.containsKey("error");
            if (!gotrue && !oauth) {
                violations.add(
                        what + " -> " + r.statusCode() + " not an error of the document: " + abbreviate(r.body()));
            }
        } catch (RuntimeException e) {
            violations.add(what + " -> " + r.statusCode() + " not JSON: " + abbreviate(r.body()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...(" + s.length() + ")";
    }
}
