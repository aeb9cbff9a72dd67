package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Against the server `mvn verify` provisioned and started (target/server): sign up, sign in, and reach the protected
 * resource with the token; without one, 401.
 */
class HelloIT {
    private static final String BASE = "http://localhost:8080";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aNewUserSignsUpSignsInAndReachesTheMembersOnlyResource() throws Exception {
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery staple";

        HttpResponse<String> signup = send(HttpRequest.newBuilder(URI.create(BASE + "/.netlify/identity/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")));
        assertEquals(200, signup.statusCode(), signup.body());
        assertTrue(signup.body().contains("\"member\""), "the observer gave the role: " + signup.body());

        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(BASE + "/.netlify/identity/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username="
                        + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))));
        assertEquals(200, token.statusCode(), token.body());
        Matcher accessToken = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(token.body());
        assertTrue(accessToken.find(), token.body());

        HttpResponse<String> hello = send(HttpRequest.newBuilder(URI.create(BASE + "/api/hello"))
                .header("Authorization", "Bearer " + accessToken.group(1)));
        assertEquals(200, hello.statusCode(), hello.body());
        assertEquals("Hello, " + email + "\n", hello.body());
    }

    @Test
    void anAnonymousCallerIsRefused() throws Exception {
        HttpResponse<String> hello = send(HttpRequest.newBuilder(URI.create(BASE + "/api/hello")));
        assertEquals(401, hello.statusCode(), hello.body());
    }

    @Test
    void aForgedTokenIsRefused() throws Exception {
        String forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiYXBwX21ldGFkYXRhIjp7InJvbGVzIjpbIm1lbWJlciJdfX0.";
        HttpResponse<String> hello = send(HttpRequest.newBuilder(URI.create(BASE + "/api/hello"))
                .header("Authorization", "Bearer " + forged));
        assertEquals(401, hello.statusCode(), hello.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
