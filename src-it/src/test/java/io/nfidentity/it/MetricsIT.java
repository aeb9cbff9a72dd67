package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} in Prometheus' text format behind its own bearer token, and a real Prometheus (Debian's
 * {@code prometheus}) scraping the running sample: a PromQL query over what it stored shows the failed logins this
 * test made. The Prometheus test skips where the binary is not installed ({@code .ci/run} installs it).
 */
class MetricsIT extends HttpTestBase {
    static final String TOKEN = "it-metrics-token-0123456789abcdefghijklmnop";
    static final int PROMETHEUS_PORT = 9095;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of("nf.identity.metrics.token", TOKEN));
    }

    private Http.Res scrape(String... headers) {
        return browser().get(ID + "metrics", headers);
    }

    @Test
    void theMetricsAnswerOnlyTheirOwnTokenAndNameNoUser() {
        assertEquals(401, scrape().status(), "no token");
        assertEquals(401, scrape("Authorization", "Bearer " + TOKEN + "x").status(), "a wrong token");
        assertEquals(401, scrape("Authorization", OPERATOR).status(), "the operator token is not the metrics token");
        String email = uniqueEmail();
        newConfirmedUser(email);
        assertEquals(400, passwordLogin(browser(), email, "wrong password").status());

        Http.Res ok = scrape("Authorization", "Bearer " + TOKEN);

        assertEquals(200, ok.status(), ok.toString());
        assertTrue(ok.body().contains("# TYPE nfidentity_logins_total counter"), ok.body());
        assertTrue(ok.body().contains("nfidentity_logins_total{outcome=\"invalid_credentials\"}"), ok.body());
        assertTrue(ok.body().contains("nfidentity_password_hash_seconds_bucket"), ok.body());
        assertFalse(ok.body().contains(email), "no address in any label");
    }

    @Test
    void aRealPrometheusScrapesTheServerAndAQueryShowsTheFailedLogins() throws Exception {
        Path binary = Stream.of("/usr/bin/prometheus", "/usr/local/bin/prometheus")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(binary != null, "Prometheus is not installed (Debian: apt-get install prometheus)");
        Path dir = Files.createTempDirectory("nfid-prometheus");
        URI base = http.base;
        Files.writeString(
                dir.resolve("prometheus.yml"),
                "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                        + "scrape_configs:\n  - job_name: nf-identity\n    metrics_path: /.netlify/identity/metrics\n"
                        + "    authorization:\n      credentials: " + TOKEN + "\n"
                        + "    static_configs:\n      - targets: ['" + base.getHost() + ":" + base.getPort() + "']\n");
        Process prometheus = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + PROMETHEUS_PORT)
                .redirectErrorStream(true)
                .redirectOutput(new File(dir.toFile(), "prometheus.log"))
                .start();
        try {
            String query = "sum(nfidentity_logins_total{outcome=\"invalid_credentials\"}) or vector(0)";
            awaitValue("up{job=\"nf-identity\"}", v -> v == 1); // scraping, with the token
            double before = awaitValue(query, v -> true);
            String email = uniqueEmail();
            newConfirmedUser(email);
            for (int i = 0; i < 3; i++) {
                assertEquals(
                        400,
                        passwordLogin(browser(), email, "wrong password " + i).status());
            }

            double after = awaitValue(query, v -> v >= before + 3);

            assertTrue(after >= before + 3, "Prometheus saw the three failed logins: " + before + " -> " + after);
        } finally {
            prometheus.destroy();
        }
    }

    /** The query's value once Prometheus has one that {@code until} accepts (at most 60 s). */
    private static double awaitValue(String query, java.util.function.DoublePredicate until) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(60);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PROMETHEUS_PORT + "/api/v1/query?query="
                                        + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.body();
                JsonObject body = jakarta.json.Json.createReader(new StringReader(r.body()))
                        .readObject();
                JsonArray result = body.getJsonObject("data").getJsonArray("result");
                if (!result.isEmpty()) {
                    double v = Double.parseDouble(
                            result.getJsonObject(0).getJsonArray("value").getString(1));
                    if (until.test(v)) {
                        return v;
                    }
                }
            } catch (java.io.IOException | RuntimeException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus never answered the query as expected: " + last);
    }
}
