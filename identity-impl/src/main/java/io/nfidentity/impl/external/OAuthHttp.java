package io.nfidentity.impl.external;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The provider calls of a sign-in: a form POST to the token endpoint, GETs of the user API, each with timeouts and a
 * cap on what is read, each failure an {@link ExternalLoginException} that names no secret.
 */
public final class OAuthHttp {
    /** A provider's answer larger than this is not a user profile. */
    static final int MAX_BODY = 256 * 1024;

    private final HttpClient client;

    public OAuthHttp() {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code application/x-www-form-urlencoded} POST; the answer as JSON. */
    public JsonObject postForm(String url, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return object(send(b.build()));
    }

    /** GET with a bearer token; the answer as JSON (an object or an array). */
    public JsonStructure get(String url, String accessToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .GET();
        if (accessToken != null) {
            b.header("Authorization", "Bearer " + accessToken);
        }
        return send(b.build());
    }

    static JsonObject object(JsonStructure json) {
        if (json instanceof JsonObject o) {
            return o;
        }
        throw new ExternalLoginException("server_error", "The provider answered in an unexpected form");
    }

    private JsonStructure send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ExternalLoginException(
                    "server_error",
                    "The provider could not be reached",
                    new IOException(request.uri().getHost(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExternalLoginException("server_error", "Interrupted", e);
        }
        String body = response.body();
        if (body == null || body.length() > MAX_BODY) {
            throw new ExternalLoginException("server_error", "The provider's answer was empty or too large");
        }
        if (response.statusCode() / 100 != 2) {
            // the provider's own error code is safe to pass on (invalid_grant for a spent code); its text is not shown
            throw new ExternalLoginException(
                    response.statusCode() == 400 || response.statusCode() == 401 ? "access_denied" : "server_error",
                    "The provider refused the sign-in (HTTP " + response.statusCode() + ")");
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        } catch (RuntimeException e) {
            throw new ExternalLoginException("server_error", "The provider's answer is not JSON", e);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A string member, or {@code null} when absent, JSON null or not a string. */
    static String string(JsonObject o, String name) {
        var v = o.get(name);
        return v instanceof jakarta.json.JsonString s ? s.getString() : null;
    }
}
