package io.nfidentity.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

/**
 * A real Keycloak (the build unpacks {@code keycloak-quarkus-dist} into {@code target/}), started once per test run on
 * free loopback ports with the realm {@code nf} of {@code keycloak/nf-realm.json}, and stopped, by the process it
 * started, when the test JVM exits. Keycloak needs Java 21 or newer ({@link #jdk()} says where it is looked for);
 * the build's own Java stays 17, and without such a JDK the classes that need Keycloak skip ({@link #NOT_FOUND}).
 */
final class Keycloak {
    static final String REALM = "nf";
    static final String CLIENT_ID = "nf-identity";
    static final String CLIENT_SECRET = "it-keycloak-client-secret-0123456789";

    private static Keycloak running;

    private final int port;
    private final Process process;

    private Keycloak(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** The one Keycloak of this run, started at the first call (about 30 s on two cores). */
    static synchronized Keycloak get() {
        if (running == null) {
            running = start();
        }
        return running;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String issuer() {
        return base() + "/realms/" + REALM;
    }

    /** The sample's settings for this Keycloak as the generic OpenID Connect provider {@code keycloak}. */
    java.util.Map<String, String> providerSettings() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("nf.identity.external.oidc", "keycloak");
        m.put("nf.identity.external.oidc.keycloak.issuer", issuer());
        m.put("nf.identity.external.oidc.keycloak.client-id", CLIENT_ID);
        m.put("nf.identity.external.oidc.keycloak.secret", CLIENT_SECRET);
        m.put("nf.identity.external.oidc.keycloak.label", "Keycloak");
        return m;
    }

    private static Keycloak start() {
        Path home = Path.of(System.getProperty("it.keycloak.home", "target/keycloak-26.7.3"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(
                    "Keycloak is not unpacked at " + home + " (the build's unpack-keycloak step)");
        }
        Path java = newJdk();
        try {
            // start-dev keeps its database under data/h2, and --import-realm skips a realm that exists: start empty,
            // so the realm is always the one of this source tree
            Path devDatabase = home.resolve("data/h2");
            if (Files.exists(devDatabase)) {
                try (var files = Files.walk(devDatabase)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            try (InputStream realm = Keycloak.class.getResourceAsStream("/keycloak/nf-realm.json")) {
                Files.copy(realm, imports.resolve("nf-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            int port = freePort();
            int management = freePort();
            ProcessBuilder pb = new ProcessBuilder(
                            home.resolve("bin/kc.sh").toString(),
                            "start-dev",
                            "--http-host=127.0.0.1",
                            "--http-port=" + port,
                            "--http-management-port=" + management,
                            "--hostname-strict=false",
                            "--import-realm")
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("keycloak.log").toFile());
            pb.environment().put("JAVA_HOME", java.toString());
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "it-admin-password-kc");
            Process process = pb.start();
            Keycloak kc = new Keycloak(port, process);
            Runtime.getRuntime().addShutdownHook(new Thread(kc::stop));
            kc.awaitRealm(home.resolve("keycloak.log"));
            return kc;
        } catch (IOException e) {
            throw new IllegalStateException("could not start Keycloak", e);
        }
    }

    /** Waits for the realm's discovery document, for at most three minutes. */
    private void awaitRealm(Path log) {
        HttpClient client = HttpClient.newHttpClient();
        Instant end = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = client.send(
                        HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("Keycloak did not serve the realm within three minutes; see " + log);
    }

    /** Stops what this class started: the kc.sh process and the Java process under it, never anything by name. */
    void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** What the Keycloak test classes say when they skip: {@code @EnabledIf(Keycloak.FOUND)}. */
    static final String FOUND = "io.nfidentity.it.Keycloak#jdkFound";

    static final String NOT_FOUND = "Keycloak needs a JDK 21 or newer: set -Dit.keycloak.java=<JDK home>, or JAVA_HOME"
            + " to one, or install one under /usr/lib/jvm; the Keycloak tests are skipped";

    /** Whether a JDK that can run Keycloak is found: the test classes that need Keycloak skip without one. */
    static boolean jdkFound() {
        return jdk().isPresent();
    }

    private static Path newJdk() {
        return jdk().orElseThrow(() -> new IllegalStateException(NOT_FOUND));
    }

    /**
     * A JDK of version 21 or newer, in this order: the property {@code it.keycloak.java}, {@code JAVA_HOME}, the JDK
     * running the tests, then the newest under {@code /usr/lib/jvm} (Temurin's, on these machines).
     */
    static java.util.Optional<Path> jdk() {
        List<Path> candidates = new java.util.ArrayList<>();
        String property = System.getProperty("it.keycloak.java", "");
        if (!property.isBlank()) {
            return java.util.Optional.of(Path.of(property)).filter(Keycloak::recentEnough);
        }
        if (System.getenv("JAVA_HOME") != null) {
            candidates.add(Path.of(System.getenv("JAVA_HOME")));
        }
        candidates.add(Path.of(System.getProperty("java.home")));
        try (var dirs = Files.list(Path.of("/usr/lib/jvm"))) {
            candidates.addAll(dirs.sorted(Comparator.reverseOrder()).toList());
        } catch (IOException e) {
            // no such directory: not a Debian-like machine
        }
        return candidates.stream().filter(Keycloak::recentEnough).findFirst();
    }

    private static boolean recentEnough(Path dir) {
        Path release = dir.resolve("release");
        if (!Files.isExecutable(dir.resolve("bin/java")) || !Files.exists(release)) {
            return false;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            p.load(in);
            String version = p.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
            return Integer.parseInt(version.split("\\.")[0]) >= 21;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
