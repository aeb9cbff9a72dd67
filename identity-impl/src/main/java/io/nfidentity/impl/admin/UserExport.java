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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.LinkedHashMap;
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
    public UserExport(
            IdentityConfig config,
            UserStore users,
            AuditLog audit,
            io.nfidentity.impl.store.FactorStore factors,
            io.nfidentity.impl.token.SecretSeal seal) {
        this.config = config;
        this.users = users;
        this.audit = audit;
        this.factors = factors;
        this.seal = seal;
    }

    private final io.nfidentity.impl.store.FactorStore factors;

    private final io.nfidentity.impl.token.SecretSeal seal;

    /** For the container's client proxy only. */
    protected UserExport() {
        this(null, null, null, null, null);
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
                // a factor's secret is as good as a hash to whoever reads the file: only with the hashes
                Map<UUID, List<io.nfidentity.impl.store.FactorStore.FactorRow>> pageFactors = withPasswordHashes
                        ? factors.verifiedOf(page.stream().map(UserRow::id).toList())
                        : Map.of();
                for (UserRow u : page) {
                    out.write(line(u, withPasswordHashes, pageFactors.getOrDefault(u.id(), List.of())));
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

    /** One line: the user's fields in a map, written by the one JSON-B instance (maps nest as they are). */
    private String line(UserRow u, boolean withHash, List<io.nfidentity.impl.store.FactorStore.FactorRow> userFactors) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", u.id().toString());
        line.put("aud", u.aud());
        line.put("role", u.role() == null ? "" : u.role());
        line.put("email", u.email());
        for (UserField f : UserField.values()) {
            Object value = u.get(f);
            if (f.transfer() == UserField.Transfer.AS_IS && value != null) {
                line.put(f.column(), f.type() == UserField.Type.JSON ? value : value.toString());
            }
        }
        time(line, "created_at", u.createdAt());
        time(line, "updated_at", u.updatedAt());
        line.put("app_metadata", u.appMetadata());
        line.put("user_metadata", u.userMetadata());
        if (withHash && u.encryptedPassword() != null) {
            line.put("password_hash", u.encryptedPassword());
        }
        if (!userFactors.isEmpty()) {
            line.put("factors", FactorTransfer.exported(userFactors, seal));
        }
        return Json.write(line);
    }

    private static void time(Map<String, Object> line, String key, Instant t) {
        if (t != null) {
            line.put(key, t.toString());
        }
    }
}
