package io.nfidentity.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A small browser for tests: real HTTP, a cookie jar that follows {@code Set-Cookie} (including deletion by
 * {@code Max-Age=0}), no automatic redirects, and the last response kept for assertion messages.
 */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    final URI base;
    final Map<String, String> cookies = new LinkedHashMap<>();
    Res last;

    Http(URL base) {
        URI uri = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        // Arquillian sets the test's URL field again before each @BeforeEach method, so a rewrite of the field in the
        // first one does not stay: the loopback rewrite Payara Micro needs happens here too (see Servers.onLoopback)
        this.base = Servers.micro() ? Servers.onLoopback(uri) : uri;
    }

    /** The browser's own origin, as it would send in {@code Origin}. */
    String origin() {
        return base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
    }

    Res get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** A same-origin JSON POST, as the sample's page sends it. */
    Res postJson(String path, String json, String... headers) {
        String[] all = concat(new String[] {"Content-Type", "application/json", "Origin", origin()}, headers);
        return send(request(path, all).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method, same-origin, with an optional JSON body. */
    Res send(String method, String path, String json, String... headers) {
        String[] all = concat(new String[] {"Origin", origin()}, headers);
        if (json != null) {
            all = concat(all, new String[] {"Content-Type", "application/json"});
        }
        HttpRequest.BodyPublisher body =
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return send(request(path, all).method(method, body));
    }

    /** Any method with exactly the given headers and no body (no automatic Origin), for CORS tests. */
    Res raw(String method, String path, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** A POST with exactly the given headers and body, for bad-input tests. */
    Res postRaw(String path, String body, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            cookies.forEach((k, v) -> pairs.add(k + "=" + v));
            b.header("Cookie", String.join("; ", pairs));
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private Res send(HttpRequest.Builder b) {
        try {
            HttpRequest request = b.build();
            HttpResponse<String> r;
            try {
                r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
                // A kept-alive connection the server closed just as this request went out on it (Payara's listener
                // under a burst): not a byte was answered. Sent once more, on a fresh connection, as the JDK's client
                // does by itself for idempotent methods; a server that really answers nothing fails again.
                r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            }
            last = new Res(
                    r.statusCode(), r.headers().map(), r.body(), r.headers().allValues("Set-Cookie"));
            for (String sc : last.setCookies) {
                String pair = sc.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (sc.toLowerCase(Locale.ROOT).contains("max-age=0") || value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return last;
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** One response. */
    record Res(int status, Map<String, List<String>> headers, String body, List<String> setCookies) {
        JsonObject json() {
            try {
                return Json.createReader(new StringReader(body)).readObject();
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON object: " + this, e);
            }
        }

        jakarta.json.JsonArray jsonArray() {
            try {
                return Json.createReader(new StringReader(body)).readArray();
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON array: " + this, e);
            }
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }

        /** The whole Set-Cookie line for a cookie name. */
        Optional<String> setCookie(String name) {
            return setCookies.stream().filter(s -> s.startsWith(name + "=")).findFirst();
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + headers + " body=" + body;
        }
    }
}
