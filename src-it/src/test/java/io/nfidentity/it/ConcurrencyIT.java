package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;

/**
 * Many requests at once against the real server and database, with the default 10 s reuse interval: the storage's
 * atomic steps (a unique key, a conditional update) decide, not luck.
 */
class ConcurrencyIT extends HttpTestBase {
    static final String ID = ".netlify/identity/";

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of("nf.identity.refresh-token.reuse-interval", "10"));
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private List<HttpResponse<String>> all(int n, HttpRequest request) {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private HttpRequest post(String path, String contentType, String body) {
        return HttpRequest.newBuilder(URI.create(http.base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static Map<Integer, Long> statuses(List<HttpResponse<String>> responses) {
        return responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    }

    @Test
    void hundredSimultaneousSignupsWithOneEmailCreateExactlyOneUser() {
        // a server that has answered before, as a live one has: the race is about the unique key, not about a
        // deployment's first requests (once, on PostgreSQL in CI, the first burst after deploying stalled for the
        // pool's 30 s blocking timeout and 11 signups got 503; noted on issue 26 to be found with a thread dump)
        assertEquals(200, passwordLogin(browser(), signUpViaApi(), PASSWORD).status(), "warm-up");
        String email = uniqueEmail();

        List<HttpResponse<String>> responses = all(
                100,
                post(
                        ID + "signup",
                        "application/json",
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));

        Map<Integer, Long> byStatus = statuses(responses);
        assertEquals(1L, byStatus.getOrDefault(200, 0L), "exactly one signup wins: " + byStatus);
        assertEquals(99L, byStatus.getOrDefault(400, 0L), "the rest are told the address is taken: " + byStatus);
        assertEquals(1, usersWithEmail(email), "one row in the database");
    }

    @Test
    void fiftySimultaneousRefreshesOfOneTokenKeepExactlyOneLiveFamily() {
        String email = uniqueEmail();
        all(
                1,
                post(
                        ID + "signup",
                        "application/json",
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
        HttpResponse<String> login = all(
                        1, post(ID + "token", "application/x-www-form-urlencoded", passwordGrant(email, PASSWORD)))
                .get(0);
        assertEquals(200, login.statusCode(), login.body());
        String refresh = login.body().replaceAll(".*\"refresh_token\":\"([^\"]+)\".*", "$1");
        long familiesBefore = liveFamilies(email); // the signup's session and the login's

        List<HttpResponse<String>> responses = all(
                50,
                post(
                        ID + "token",
                        "application/x-www-form-urlencoded",
                        "grant_type=refresh_token&refresh_token=" + refresh));

        Map<Integer, Long> byStatus = statuses(responses);
        assertEquals(
                50L,
                byStatus.getOrDefault(200, 0L),
                "every tab refreshing at once stays logged in (reuse interval): " + byStatus);
        assertEquals(familiesBefore, liveFamilies(email), "the storm forks no family: one login stays one session");
        assertTrue(responses.stream().allMatch(r -> r.body().contains("\"refresh_token\"")), "each got a token");
    }

    private long liveFamilies(String email) {
        return Long.parseLong(browser()
                .get("api/it/refresh-tokens/live-families?email=" + email)
                .body());
    }
}
