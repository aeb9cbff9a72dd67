package io.nfidentity.impl.admin;

import io.nfidentity.AuditAction;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.json.Json;
import io.nfidentity.impl.store.UserField;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every user out as JSON lines ({@link io.nfidentity.IdentityAdmin#exportUsers}), in the form {@link UserImport}
 * reads, so an export imports unchanged. Streamed: one page in memory at a time.
 */
@ApplicationScoped
public class UserExport {
    static final int PAGE = 1_000;

    private final IdentityConfig config;
    private final UserStore users;
    private final AuditLog audit;

    @Inject
    public UserExport(IdentityConfig config, UserStore users, AuditLog audit) {
        this.config = config;
        this.users = users;
        this.audit = audit;
    }

    /** For the container's client proxy only. */
    protected UserExport() {
        this(null, null, null);
    }

    /**
     * Writes every user, oldest first, page by page.
     *
     * @throws IdentityException 403 {@code export_hashes_disabled} when hashes are asked for but not allowed
     */
    public long exportUsers(Writer out, boolean withPasswordHashes) {
        if (withPasswordHashes && !config.accounts().exportPasswordHashes()) {
            throw Problem.EXPORT_HASHES_DISABLED.exception();
        }
        // before the first byte: a client that drops the connection mid-way has still been recorded
        audit.byCaller(
                AuditAction.USERS_EXPORTED,
                null,
                null,
                Map.of("outcome", "started", "password_hashes", withPasswordHashes));
        long count = 0;
        Instant afterAt = null;
        UUID afterId = null;
        try {
            while (true) {
                List<UserRow> page = users.list(null, true, afterAt, afterId, 0, PAGE);
                for (UserRow u : page) {
                    out.write(line(u, withPasswordHashes));
                    out.write('\n');
                }
                count += page.size();
                if (page.size() < PAGE) {
                    break;
                }
                afterAt = page.get(page.size() - 1).createdAt();
                afterId = page.get(page.size() - 1).id();
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            audit.byCaller(
                    AuditAction.USERS_EXPORTED,
                    null,
                    null,
                    Map.of("outcome", "aborted", "count", count, "password_hashes", withPasswordHashes));
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        audit.byCaller(
                AuditAction.USERS_EXPORTED,
                null,
                null,
                Map.of("outcome", "completed", "count", count, "password_hashes", withPasswordHashes));
        return count;
    }

    private static String line(UserRow u, boolean withHash) {
        JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder()
                .add("id", u.id().toString())
                .add("aud", u.aud())
                .add("role", u.role() == null ? "" : u.role())
                .add("email", u.email());
        for (UserField f : UserField.values()) {
            if (f.transfer() == UserField.Transfer.AS_IS && u.get(f) != null) {
                switch (f.type()) {
                    case TIME -> time(b, f.column(), (Instant) u.get(f));
                    case JSON -> b.add(f.column(), object(u.get(f)));
                    default -> b.add(f.column(), u.get(f).toString());
                }
            }
        }
        time(b, "created_at", u.createdAt());
        time(b, "updated_at", u.updatedAt());
        b.add("app_metadata", object(u.appMetadata())).add("user_metadata", object(u.userMetadata()));
        if (withHash && u.encryptedPassword() != null) {
            b.add("password_hash", u.encryptedPassword());
        }
        return b.build().toString();
    }

    private static void time(JsonObjectBuilder b, String key, Instant t) {
        if (t != null) {
            b.add(key, t.toString());
        }
    }

    private static JsonObject object(Object map) { // a field of type JSON: a map
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) map;
        return jakarta.json.Json.createReader(new StringReader(Json.write(m))).readObject();
    }
}
