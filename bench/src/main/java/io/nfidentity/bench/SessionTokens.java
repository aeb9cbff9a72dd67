package io.nfidentity.bench;

import io.nfidentity.impl.config.ConfigReader;
import io.nfidentity.impl.token.AccessTokens;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * N users, each with a session, for measuring what the server keeps per session ({@code bench/server-bench.sh}).
 * Logging in N users would take N Argon2 hashes; instead the users go straight into the server's database (one batch)
 * and each gets an access token signed with the server's secret, exactly as a login issues it. GoTrue's tokens carry
 * no {@code iat} or {@code jti}, so one user's tokens issued within the same second are identical: distinct sessions
 * need distinct users. Arguments: jdbc url, schema, secret, count, output file.
 */
public final class SessionTokens {
    private SessionTokens() {}

    public static void main(String[] args) throws Exception {
        String jdbc = args[0];
        String schema = args[1];
        String secret = args[2];
        int count = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        AccessTokens tokens = new AccessTokens(
                ConfigReader.read(Map.of(
                        "nf.identity.jwt.secret", secret,
                        "nf.identity.jwt.cache-size", "0",
                        "nf.identity.site-url", "http://localhost")),
                Clock.systemUTC());
        Map<String, Object> app = Map.of("provider", "email", "roles", List.of("admin"));
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = DriverManager.getConnection(jdbc);
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".nf_users (id, aud, role, email,"
                        + " email_key, confirmed_at, app_metadata, user_metadata, created_at, updated_at)"
                        + " VALUES (?, '', 'authenticated', ?, ?, ?, ?, '{}', ?, ?)");
                PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                String email = "session-" + i + "-" + id + "@bench.example.com";
                ps.setObject(1, id);
                ps.setString(2, email);
                ps.setString(3, email);
                ps.setTimestamp(4, now);
                ps.setString(5, "{\"provider\":\"email\",\"roles\":[\"admin\"]}");
                ps.setTimestamp(6, now);
                ps.setTimestamp(7, now);
                ps.addBatch();
                w.println(tokens.issue(id, email, app, Map.of()));
            }
            ps.executeBatch();
            c.commit();
        }
        System.out.println("SESSIONS " + count + " users and tokens in " + out);
    }
}
