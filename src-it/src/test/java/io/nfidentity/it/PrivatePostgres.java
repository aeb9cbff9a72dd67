package io.nfidentity.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of the test's own, from Debian's binaries, in a fresh cluster under {@code /tmp} on its own
 * port: the test may stop and start it at will without touching the shared server on 5432. Trust authentication on
 * loopback only. As root, PostgreSQL runs as the {@code postgres} user (it refuses to run as root).
 */
final class PrivatePostgres implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Debian's newest PostgreSQL binaries, if installed. */
    static Optional<Path> binaries() {
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions == null) {
            return Optional.empty();
        }
        return Arrays.stream(versions)
                .map(v -> v.toPath().resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                .max(Comparator.comparing(b ->
                        Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
    }

    /** A new cluster, started. */
    static PrivatePostgres create(Path bin, int port) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("nfid-outage-pg-");
        PrivatePostgres pg = new PrivatePostgres(bin, dir, port, root);
        if (root) {
            pg.run(List.of("chown", "postgres:", dir.toString()), false);
        }
        pg.run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        dir.resolve("data").toString(),
                        "-U",
                        "postgres",
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "--auth=trust"),
                true);
        pg.start();
        return pg;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() throws IOException, InterruptedException {
        pgCtl(
                "-l",
                dir.resolve("postgres.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + dir
                        + " -c fsync=off",
                "start");
    }

    /**
     * Stops the server the way an operator or a failover does: "fast" rolls back every open transaction and cuts
     * every connection; a commit already acknowledged stays.
     */
    void stop() throws IOException, InterruptedException {
        pgCtl("-m", "fast", "-w", "stop");
    }

    private void pgCtl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString()));
        command.addAll(List.of(args));
        run(command, true);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } catch (IOException e) {
            // already stopped
        }
        run(List.of("rm", "-rf", dir.toString()), false);
    }

    private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .directory(new File("/tmp"))
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + out);
        }
    }
}
