package io.nfidentity.it;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Test-only: lets a test look into the real database the server uses (H2 or PostgreSQL) and set up states that have
 * no public door yet. Added to the sample WAR by {@link Deployments}; never part of the sample itself.
 */
@Path("it")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class SupportResource {

    @jakarta.inject.Inject
    io.nfidentity.IdentityAdmin admin;

    /**
     * The audit log of one user through the typed Java query, walked by keyset pages of two: one line per entry,
     * newest first, {@code action actor_email}.
     */
    @jakarta.inject.Inject
    jakarta.security.enterprise.SecurityContext security;

    /**
     * Jakarta Security 4 (Jakarta EE 11) only: {@code SecurityContext.getAllDeclaredCallerRoles()}, sorted and joined
     * by commas; 501 on an EE 10 server. Called reflectively: the suite, like the module, compiles against EE 10.
     */
    @GET
    @Path("declared-roles")
    @SuppressWarnings("unchecked")
    public jakarta.ws.rs.core.Response declaredRoles() throws ReflectiveOperationException {
        java.lang.reflect.Method all;
        try {
            all = jakarta.security.enterprise.SecurityContext.class.getMethod("getAllDeclaredCallerRoles");
        } catch (NoSuchMethodException e) {
            return jakarta.ws.rs.core.Response.status(501)
                    .entity("Jakarta Security 3")
                    .build();
        }
        java.util.Set<String> roles = new java.util.TreeSet<>((java.util.Set<String>) all.invoke(security));
        return jakarta.ws.rs.core.Response.ok(String.join(",", roles)).build();
    }

    @GET
    @Path("audit")
    public String audit(@QueryParam("user") String user, @QueryParam("action") String action) {
        io.nfidentity.AuditQuery q = io.nfidentity.AuditQuery.firstPage(2).user(java.util.UUID.fromString(user));
        if (action != null) {
            q = q.action(io.nfidentity.AuditAction.of(action).orElseThrow());
        }
        StringBuilder out = new StringBuilder();
        String cursor = null;
        do {
            io.nfidentity.IdentityAdmin.AuditPage page = admin.auditLog(q.after(cursor));
            for (io.nfidentity.AuditEntry e : page.entries()) {
                out.append(e.action().code()).append(' ').append(e.actorEmail()).append('\n');
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return out.toString();
    }

    @GET
    @Path("users")
    public long users(@QueryParam("email") String email) throws Exception {
        return count("SELECT COUNT(*) FROM nf_users WHERE email_key = ?", key(email));
    }

    @GET
    @Path("identities")
    public long identities(@QueryParam("email") String email) throws Exception {
        return count(
                "SELECT COUNT(*) FROM nf_identities i JOIN nf_users u ON u.id = i.user_id WHERE u.email_key = ?",
                key(email));
    }

    @GET
    @Path("users/total")
    public long total() throws Exception {
        return count("SELECT COUNT(*) FROM nf_users");
    }

    @GET
    @Path("refresh-tokens/live")
    public long liveTokens(@QueryParam("email") String email) throws Exception {
        return count(
                "SELECT COUNT(*) FROM nf_refresh_tokens t JOIN nf_users u ON u.id = t.user_id"
                        + " WHERE u.email_key = ? AND t.revoked_at IS NULL",
                key(email));
    }

    @GET
    @Path("password-hash")
    public String passwordHash(@QueryParam("email") String email) throws Exception {
        try (Connection c = ds().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT encrypted_password FROM nf_users WHERE email_key = ?")) {
            ps.setString(1, key(email));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    /** The stored form of the user's factors' secrets, one a line: to check they are sealed. */
    @GET
    @Path("factor-secrets")
    public String factorSecrets(@QueryParam("email") String email) throws Exception {
        try (Connection c = ds().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT f.secret FROM nf_factors f JOIN nf_users u"
                        + " ON u.id = f.user_id WHERE u.email_key = ?")) {
            ps.setString(1, key(email));
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            return out.toString();
        }
    }

    /** What the recording observers saw for this address, one delivery a line. */
    @GET
    @Path("events")
    public String events(@QueryParam("email") String email) {
        return String.join(
                "\n",
                RecordingObservers.LOG.stream()
                        .filter(line -> line.contains(":" + email))
                        .toList());
    }

    @GET
    @Path("app-metadata")
    public String appMetadata(@QueryParam("email") String email) throws Exception {
        return column("app_metadata", email);
    }

    @GET
    @Path("user-metadata")
    public String userMetadata(@QueryParam("email") String email) throws Exception {
        return column("user_metadata", email);
    }

    static boolean userExists(String email) {
        try {
            return count("SELECT COUNT(*) FROM nf_users WHERE email_key = ?", key(email)) == 1;
        } catch (Exception e) {
            return false;
        }
    }

    private static String column(String column, String email) throws Exception {
        try (Connection c = ds().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM nf_users WHERE email_key = ?")) {
            ps.setString(1, key(email));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    @POST
    @Path("users/unconfirm")
    public long unconfirm(@QueryParam("email") String email) throws Exception {
        return update("UPDATE nf_users SET confirmed_at = NULL WHERE email_key = ?", key(email));
    }

    @GET
    @Path("refresh-tokens/live-families")
    public long liveFamilies(@QueryParam("email") String email) throws Exception {
        return count(
                "SELECT COUNT(DISTINCT t.family_id) FROM nf_refresh_tokens t JOIN nf_users u ON u.id = t.user_id"
                        + " WHERE u.email_key = ? AND t.revoked_at IS NULL",
                key(email));
    }

    @POST
    @Path("one-time-tokens/expire")
    public long expireOneTimeTokens(@QueryParam("email") String email) throws Exception {
        return update(
                "UPDATE nf_one_time_tokens SET expires_at = created_at WHERE user_id IN"
                        + " (SELECT id FROM nf_users WHERE email_key = ?)",
                key(email));
    }

    @GET
    @Path("one-time-tokens")
    public long oneTimeTokens(@QueryParam("email") String email) throws Exception {
        return count(
                "SELECT COUNT(*) FROM nf_one_time_tokens t JOIN nf_users u ON u.id = t.user_id"
                        + " WHERE u.email_key = ?",
                key(email));
    }

    @POST
    @Path("refresh-tokens/expire")
    public long expireTokens(@QueryParam("email") String email) throws Exception {
        return update(
                "UPDATE nf_refresh_tokens SET expires_at = created_at WHERE user_id IN"
                        + " (SELECT id FROM nf_users WHERE email_key = ?)",
                key(email));
    }

    @GET
    @Path("refresh-tokens/all")
    public long allTokens(@QueryParam("email") String email) throws Exception {
        return count(
                "SELECT COUNT(*) FROM nf_refresh_tokens t JOIN nf_users u ON u.id = t.user_id WHERE u.email_key = ?",
                key(email));
    }

    /** A rate-limit row whose window ended two hours ago, as an attacker's made-up keys leave behind. */
    @POST
    @Path("rate-limits/stale")
    public long staleRateLimit(@QueryParam("key") String limitKey) throws Exception {
        return update(
                "INSERT INTO nf_rate_limits (limit_key, window_start, failures) VALUES (?, CURRENT_TIMESTAMP - INTERVAL '2' HOUR, 3)",
                limitKey);
    }

    /** Deletes the users whose address starts with {@code prefix} (at least 8 characters), as a bulk test leaves them. */
    @POST
    @Path("users/delete-prefix")
    public long deleteByPrefix(@QueryParam("prefix") String prefix) throws Exception {
        if (prefix == null || prefix.length() < 8) {
            throw new IllegalArgumentException("a prefix of at least 8 characters");
        }
        return update("DELETE FROM nf_users WHERE email_key LIKE ?", key(prefix) + "%");
    }

    /** Forgets a rate-limit key, so a test that filled it leaves the shared database as it found it. */
    @POST
    @Path("rate-limits/clear")
    public long clearRateLimit(@QueryParam("key") String limitKey) throws Exception {
        return update("DELETE FROM nf_rate_limits WHERE limit_key = ?", limitKey);
    }

    @GET
    @Path("rate-limits")
    public long rateLimits(@QueryParam("key") String limitKey) throws Exception {
        return count("SELECT COUNT(*) FROM nf_rate_limits WHERE limit_key = ?", limitKey);
    }

    /** Moves the start of every session of the user {@code minutes} into the past: a login that long ago. */
    @POST
    @Path("sessions/age")
    public long ageSessions(@QueryParam("email") String email, @QueryParam("minutes") int minutes) throws Exception {
        try (Connection c = ds().getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE nf_sessions SET created_at = ? WHERE user_id IN"
                        + " (SELECT id FROM nf_users WHERE email_key = ?)")) {
            ps.setObject(
                    1, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(minutes));
            ps.setString(2, key(email));
            return ps.executeUpdate();
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean HOLDING =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Holds the user's row locked ({@code SELECT ... FOR UPDATE} in a transaction of its own) for {@code millis}, at
     * most 5 s, and answers when it lets go. On PostgreSQL a refresh then waits at the insert of its successor (whose
     * foreign key needs the row), after it has revoked the token it rotates: a slow commit, made to order, so that a
     * race with it can be run every time instead of by chance.
     */
    @POST
    @Path("users/hold")
    public String hold(@QueryParam("email") String email, @QueryParam("millis") long millis) throws Exception {
        try (Connection c = ds().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM nf_users WHERE email_key = ? FOR UPDATE")) {
                ps.setString(1, key(email));
                ps.executeQuery().close();
                HOLDING.set(true);
                Thread.sleep(Math.min(millis, 5000));
            } finally {
                c.commit();
                c.setAutoCommit(true);
            }
        } finally {
            HOLDING.set(false);
        }
        return "released";
    }

    /** Whether {@link #hold} holds a row now. */
    @GET
    @Path("users/held")
    public boolean held() {
        return HOLDING.get();
    }

    private static String key(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private static long count(String sql, String... params) throws SQLException, NamingException {
        try (Connection c = ds().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long update(String sql, String param) throws SQLException, NamingException {
        try (Connection c = ds().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            return ps.executeUpdate();
        }
    }

    private static DataSource ds() throws NamingException {
        String name = ConfigProvider.getConfig()
                .getOptionalValue("nf.identity.datasource", String.class)
                .orElse("java:comp/DefaultDataSource"); // nf-identity's default too
        return (DataSource) new InitialContext().lookup(name);
    }
}
