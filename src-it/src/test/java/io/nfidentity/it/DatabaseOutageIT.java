package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database goes away under load and comes back. The sample runs on a PostgreSQL server of this test's own
 * ({@link PrivatePostgres}, port {@code it.outage.pg.port}), which the test stops with "fast" shutdown (every open
 * transaction rolled back, every connection cut) while three clients keep going: one calls a {@code @RolesAllowed}
 * resource with its access token, one signs up new users, one keeps refreshing its session.
 *
 * <p>The deployment is deployed by hand, after the database has started, because the module migrates its schema at
 * startup.
 */
@ExtendWith(ArquillianExtension.class)
class DatabaseOutageIT {
    private static final String BASE = "http://127.0.0.1:8080/";
    private static final String PASSWORD = HttpTestBase.PASSWORD;
    private static PrivatePostgres pg;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "outage", managed = false, testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of(
                "nf.identity.datasource",
                System.getProperty("it.outage.datasource", "java:jboss/datasources/NfIdentityOutage"),
                // a refresh whose commit the client never heard of is retried with the same token: the grace interval
                // hands back the family's current token instead of calling it reuse
                "nf.identity.refresh-token.reuse-interval",
                "10"));
    }

    @BeforeAll
    static void startPrivateDatabase() throws Exception {
        Path bin = PrivatePostgres.binaries().orElse(null);
        Assumptions.assumeTrue(bin != null, "needs Debian's PostgreSQL binaries under /usr/lib/postgresql");
        pg = PrivatePostgres.create(bin, Integer.getInteger("it.outage.pg.port", 55433));
    }

    @AfterAll
    static void removePrivateDatabase() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private record Outcome(String phaseAtStart, String phaseAtEnd, int status, String body, String email) {
        boolean inOutage() {
            return phaseAtStart.equals("outage") && phaseAtEnd.equals("outage");
        }
    }

    private final AtomicReference<String> phase = new AtomicReference<>("before");
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Outcome> reads = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Outcome> signups = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Outcome> refreshes = new ConcurrentLinkedQueue<>();

    @Test
    void duringAnOutageTokensKeepWorkingWritesAnswer503AndNothingIsHalfWrittenThenAllRecovers() throws Exception {
        deployer.deploy("outage");
        try {
            String email = "owner-" + UUID.randomUUID() + "@it.example.com";
            assertEquals(
                    200,
                    post("signup", "application/json", HttpTestBase.credentials(email, PASSWORD))
                            .statusCode());
            HttpResponse<String> login =
                    post("token", "application/x-www-form-urlencoded", HttpTestBase.passwordGrant(email, PASSWORD));
            assertEquals(200, login.statusCode(), login.body());
            String access = field(login.body(), "access_token");
            AtomicReference<String> refresh = new AtomicReference<>(field(login.body(), "refresh_token"));
            long familiesBefore = liveFamilies(email);

            ExecutorService load = Executors.newFixedThreadPool(3);
            List<Future<?>> clients = List.of(
                    load.submit(() -> loop(reads, () -> withOutcome(null, () -> get("api/member-area", access)))),
                    load.submit(() -> loop(signups, () -> {
                        String e = "outage-" + UUID.randomUUID() + "@it.example.com";
                        return withOutcome(
                                e, () -> post("signup", "application/json", HttpTestBase.credentials(e, PASSWORD)));
                    })),
                    load.submit(() -> loop(refreshes, () -> {
                        Outcome o = withOutcome(
                                null,
                                () -> post(
                                        "token",
                                        "application/x-www-form-urlencoded",
                                        "grant_type=refresh_token&refresh_token=" + refresh.get()));
                        if (o.status() == 200) {
                            refresh.set(field(o.body(), "refresh_token"));
                        }
                        return o;
                    })));
            HealthSeen health = new HealthSeen();
            try {
                Thread.sleep(2_000);
                health.before = readiness();
                phase.set("outage");
                pg.stop();
                health.during = awaitReadiness(503);
                health.duringBody = lastReadyBody;
                Thread.sleep(3_000);
                phase.set("recovering");
                pg.start();
                awaitWriteAfterRecovery();
                health.after = awaitReadiness(200);
            } finally {
                running.set(false);
                for (Future<?> f : clients) {
                    f.get(60, TimeUnit.SECONDS);
                }
                load.shutdownNow();
            }

            System.out.println("outage run: reads " + histogram(reads) + ", signups " + histogram(signups)
                    + ", refreshes " + histogram(refreshes));

            // a valid access token is checked without the database: every request was served, before, during, after
            assertFalse(reads.isEmpty());
            assertEquals(
                    Set.of(200),
                    reads.stream().map(Outcome::status).collect(Collectors.toSet()),
                    "protected reads: " + histogram(reads));
            assertTrue(reads.stream().anyMatch(Outcome::inOutage), "some reads ran while the database was down");

            // writes: served, or refused with a clear 503 while the database was away; nothing in between
            for (ConcurrentLinkedQueue<Outcome> writes : List.of(signups, refreshes)) {
                for (Outcome o : writes) {
                    if (o.status() == 503) {
                        assertTrue(
                                o.body().contains("\"code\":503") && o.body().contains("\"msg\":"),
                                "503 in GoTrue's error shape: " + o.body());
                        assertFalse(o.body().contains("Exception") || o.body().contains("\tat "), o.body());
                    } else {
                        assertEquals(200, o.status(), "a write answers 200 or 503: " + o);
                    }
                }
                assertTrue(
                        writes.stream().anyMatch(o -> o.inOutage() && o.status() == 503),
                        "writes during the outage answer 503: " + histogram(writes));
                assertTrue(
                        writes.stream().anyMatch(o -> o.phaseAtStart().equals("recovering") && o.status() == 200),
                        "writes succeed again once the database is back: " + histogram(writes));
            }

            // readiness follows the database, on GoTrue's /health (what load balancers poll) and on the server's
            // MicroProfile Health endpoint, which says what is down
            assertEquals(List.of(200, 200), health.before, "ready before");
            assertEquals(List.of(503, 503), health.during, "not ready while the database is away");
            assertTrue(
                    health.duringBody.contains("\"nf-identity\"") && health.duringBody.contains("DOWN"),
                    "the MicroProfile check names what is down: " + health.duringBody);
            assertTrue(health.duringBody.contains("database"), health.duringBody);
            assertEquals(List.of(200, 200), health.after, "ready again once it is back");

            // nothing half-written: exactly the signups that were answered 200 exist
            Set<String> answeredOk = signups.stream()
                    .filter(o -> o.status() == 200)
                    .map(Outcome::email)
                    .collect(Collectors.toSet());
            Set<String> refused = signups.stream()
                    .filter(o -> o.status() == 503)
                    .map(Outcome::email)
                    .collect(Collectors.toSet());
            Set<String> stored = storedOutageEmails();
            assertEquals(answeredOk, stored, "the users in the database are exactly those whose signup succeeded");
            assertTrue(refused.stream().noneMatch(stored::contains), "no refused signup left a row");

            // the session refreshed through the outage is still one family, still alive
            assertEquals(familiesBefore, liveFamilies(email), "rotation never forked or killed the family");
            HttpResponse<String> after = post(
                    "token",
                    "application/x-www-form-urlencoded",
                    "grant_type=refresh_token&refresh_token=" + refresh.get());
            assertEquals(200, after.statusCode(), after.body());
        } finally {
            deployer.undeploy("outage");
        }
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private Outcome withOutcome(String email, Call call) {
        String start = phase.get();
        try {
            HttpResponse<String> r = call.send();
            return new Outcome(start, phase.get(), r.statusCode(), r.body(), email);
        } catch (Exception e) {
            return new Outcome(start, phase.get(), -1, e.toString(), email);
        }
    }

    private void loop(ConcurrentLinkedQueue<Outcome> into, java.util.function.Supplier<Outcome> step) {
        while (running.get()) {
            into.add(step.get());
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits (not a timing assertion: it fails only if the service never recovers) for writes to succeed again. */
    private void awaitWriteAfterRecovery() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            boolean signed = signups.stream().anyMatch(o -> o.phaseAtStart().equals("recovering") && o.status() == 200);
            boolean refreshed =
                    refreshes.stream().anyMatch(o -> o.phaseAtStart().equals("recovering") && o.status() == 200);
            if (signed && refreshed) {
                Thread.sleep(500);
                return;
            }
            Thread.sleep(200);
        }
        fail("writes never succeeded after the database came back: signups " + histogram(signups) + ", refreshes "
                + histogram(refreshes));
    }

    private Set<String> storedOutageEmails() throws Exception {
        Set<String> emails = new HashSet<>();
        try (Connection c = pg.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT email FROM nf_users WHERE email LIKE 'outage-%'")) {
            while (rs.next()) {
                emails.add(rs.getString(1));
            }
        }
        return emails;
    }

    private long liveFamilies(String email) throws Exception {
        try (Connection c = pg.connect();
                var ps = c.prepareStatement("SELECT COUNT(DISTINCT t.family_id) FROM nf_refresh_tokens t"
                        + " JOIN nf_users u ON u.id = t.user_id WHERE u.email = ? AND t.revoked_at IS NULL")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, Map<Integer, Long>> histogram(ConcurrentLinkedQueue<Outcome> outcomes) {
        return outcomes.stream()
                .collect(Collectors.groupingBy(
                        Outcome::phaseAtStart, Collectors.groupingBy(Outcome::status, Collectors.counting())));
    }

    /** What the two readiness endpoints answered before, during and after the outage. */
    private static final class HealthSeen {
        List<Integer> before;
        List<Integer> during;
        List<Integer> after;
        String duringBody = "";
    }

    /** The server's own MicroProfile readiness endpoint: WildFly's management port, Payara's HTTP port. */
    private static URI microProfileReady() {
        return URI.create(
                Servers.payara() ? "http://localhost:8080/health/ready" : "http://127.0.0.1:9990/health/ready");
    }

    private String lastReadyBody = "";

    /** GoTrue's {@code /health} status, then the MicroProfile readiness status. */
    private List<Integer> readiness() throws Exception {
        int gotrue = client.send(
                        HttpRequest.newBuilder(URI.create(BASE + ".netlify/identity/health"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
        HttpResponse<String> mp = client.send(
                HttpRequest.newBuilder(microProfileReady())
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        lastReadyBody = mp.body();
        return List.of(gotrue, mp.statusCode());
    }

    /** Polls until both endpoints answer {@code status} (at most 30 s); what they last answered. */
    private List<Integer> awaitReadiness(int status) throws Exception {
        List<Integer> seen = List.of();
        for (int i = 0; i < 150; i++) {
            seen = readiness();
            if (seen.equals(List.of(status, status))) {
                break;
            }
            Thread.sleep(200);
        }
        return seen;
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(BASE + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + bearer)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(BASE + ".netlify/identity/" + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int i = json.indexOf(marker);
        assertTrue(i >= 0, name + " in " + json);
        return json.substring(i + marker.length(), json.indexOf('"', i + marker.length()));
    }
}
