package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Node side of the webhook and contract tests ({@code src/test/node/hooks}: the hook servers, Prism): copied to {@code target/node-hooks}, its npm
 * dependencies installed once ({@code npm ci}, from the lock file), and one of its servers started. Skips the calling
 * test class where Node and npm are not installed.
 */
final class NodeHooks {
    private NodeHooks() {}

    /**
     * The Node project copied to {@code target/node-hooks} with its dependencies installed (once per build); skips
     * the calling test where Node and npm are not installed.
     */
    static Path install() throws Exception {
        assumeTrue(
                onPath("node") && onPath("npm"),
                "Node and npm are not installed (the Node side of these tests needs them)");
        Path source = Path.of("src/test/node/hooks");
        Path dir = Path.of("target/node-hooks");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files.filter(p -> !p.toString().contains("node_modules"))::iterator) {
                Path to = dir.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (!Files.isDirectory(dir.resolve("node_modules/standardwebhooks"))
                || !Files.isDirectory(dir.resolve("node_modules/@stoplight/prism-cli"))) {
            // npm's output goes to a file: written to this JVM's own stdout, it would corrupt the channel the
            // test fork reports to Maven on ("std/in stream corrupted", which fails the build)
            Path log = dir.resolve("npm-ci.log");
            Process ci = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            assertTrue(
                    ci.waitFor(180, TimeUnit.SECONDS) && ci.exitValue() == 0,
                    "npm ci for the hook servers failed, see " + log.toAbsolutePath());
        }
        return dir;
    }

    /** Starts {@code node <script> <port> <secret>} and waits until {@code GET <readyPath>} answers JSON. */
    static Process start(String script, int port, String secret, String readyPath) throws Exception {
        Path dir = install();
        Process node = new ProcessBuilder("node", script, Integer.toString(port), secret)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(script + ".log").toFile())
                .start();
        Instant until = Instant.now().plusSeconds(20);
        while (get(port, readyPath) == null) {
            assertTrue(node.isAlive() && Instant.now().isBefore(until), script + " did not start");
            Thread.sleep(100);
        }
        return node;
    }

    /** {@code GET path} on the Node server as a JSON object; {@code null} while it is not up. */
    static jakarta.json.JsonObject get(int port, String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return jakarta.json.Json.createReader(new StringReader(r.body())).readObject();
        } catch (IOException | InterruptedException | RuntimeException e) {
            return null;
        }
    }

    /** {@code POST path} with no body. */
    static int post(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator)).anyMatch(d -> new File(d, tool).canExecute());
    }
}
