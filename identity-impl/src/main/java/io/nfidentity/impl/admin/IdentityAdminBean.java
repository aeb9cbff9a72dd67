package io.nfidentity.impl.admin;

import io.nfidentity.AuditEntry;
import io.nfidentity.AuditQuery;
import io.nfidentity.BadPaginationException;
import io.nfidentity.IdentityAdmin;
import io.nfidentity.NewUser;
import io.nfidentity.SigningKey;
import io.nfidentity.SigningKeyException;
import io.nfidentity.User;
import io.nfidentity.UserChanges;
import io.nfidentity.UserNotFoundException;
import io.nfidentity.UserQuery;
import io.nfidentity.ValidationException;
import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.lifecycle.NewUsers;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.password.PasswordPolicy;
import io.nfidentity.impl.store.AuditStore;
import io.nfidentity.impl.store.ExternalStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.OpaqueTokens;
import io.nfidentity.impl.user.EmailAddress;
import io.nfidentity.impl.user.RoleNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;

/** {@link IdentityAdmin} over the user store: validation and hashing here, the transactional steps in {@link AdminWrites}. */
@ApplicationScoped
public class IdentityAdminBean implements IdentityAdmin {
    private static final Logger LOG = Logger.getLogger(IdentityAdminBean.class.getName());
    static final int MAX_PER_PAGE = 1000;

    private final UserStore users;

    private final NewUsers newUsers;

    private final PasswordHasher hasher;

    private final PasswordPolicy policy;

    private final AdminWrites writes;

    private final AuditStore audit;

    private final UserImport imports;

    private final UserExport exports;

    private final KeyAdmin keys;

    private final io.nfidentity.impl.mfa.Factors factors;

    private final io.nfidentity.impl.passkey.Passkeys passkeys;

    private final ExternalStore external;

    private final io.nfidentity.impl.notify.Notifications notifications;

    @Inject
    public IdentityAdminBean(
            UserStore users,
            NewUsers newUsers,
            PasswordHasher hasher,
            PasswordPolicy policy,
            AdminWrites writes,
            AuditStore audit,
            UserImport imports,
            UserExport exports,
            KeyAdmin keys,
            ExternalStore external,
            io.nfidentity.impl.mfa.Factors factors,
            io.nfidentity.impl.passkey.Passkeys passkeys,
            io.nfidentity.impl.notify.Notifications notifications) {
        this.passkeys = passkeys;
        this.notifications = notifications;
        this.users = users;
        this.newUsers = newUsers;
        this.hasher = hasher;
        this.policy = policy;
        this.writes = writes;
        this.audit = audit;
        this.imports = imports;
        this.exports = exports;
        this.keys = keys;
        this.factors = factors;
        this.external = external;
    }

    /** For the container's client proxy only. */
    protected IdentityAdminBean() {
        this(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public ImportReport importUsers(java.io.Reader jsonLines) {
        return imports.importUsers(jsonLines);
    }

    @Override
    public long exportUsers(java.io.Writer out, boolean withPasswordHashes) {
        return exports.exportUsers(out, withPasswordHashes);
    }

    @Override
    public User suspendUser(UUID id, java.time.Instant until) {
        if (id == null) {
            throw new UserNotFoundException();
        }
        return writes.suspend(id, until == null ? UserRow.INDEFINITELY : until);
    }

    @Override
    public User restoreUser(UUID id) {
        if (id == null) {
            throw new UserNotFoundException();
        }
        return writes.suspend(id, null);
    }

    @Override
    public List<io.nfidentity.UserSession> listSessions(UUID id) {
        return id == null ? List.of() : writes.sessionsOf(id);
    }

    @Override
    public void endSession(UUID id, UUID sessionId) {
        writes.endSession(id, sessionId);
    }

    @Override
    public void endSessions(UUID id) {
        if (id == null) {
            throw new UserNotFoundException();
        }
        writes.endSessions(id);
    }

    @Override
    public List<io.nfidentity.UserIdentity> identities(UUID id) {
        return id == null ? List.of() : external.identitiesOf(id);
    }

    @Override
    public List<io.nfidentity.Factor> factors(UUID id) {
        return id == null ? List.of() : factors.list(id);
    }

    @Override
    public void deleteFactor(UUID id, UUID factorId) {
        factors.deleteByAdmin(id, factorId);
    }

    @Override
    public List<io.nfidentity.Passkey> passkeys(UUID id) {
        return id == null ? List.of() : passkeys.list(id);
    }

    @Override
    public void deletePasskey(UUID id, UUID passkeyId) {
        passkeys.deleteByAdmin(id, passkeyId);
    }

    @Override
    public List<io.nfidentity.Notification> notifications(io.nfidentity.Notification.State state, int limit) {
        if (state == null || limit < 1 || limit > io.nfidentity.impl.notify.Notifications.MAX_LIST) {
            throw new io.nfidentity.ValidationException("state is required and limit must be between 1 and "
                    + io.nfidentity.impl.notify.Notifications.MAX_LIST);
        }
        return notifications.list(state, limit);
    }

    @Override
    public io.nfidentity.Notification retryNotification(UUID id) {
        return notifications.retry(id);
    }

    @Override
    public List<SigningKey> signingKeys() {
        return keys.list();
    }

    @Override
    public SigningKey addSigningKey() {
        return keys.add();
    }

    @Override
    public SigningKey promoteSigningKey(String kid) {
        return keys.promote(requireKid(kid));
    }

    @Override
    public SigningKey retireSigningKey(String kid, boolean force) {
        return keys.retire(requireKid(kid), force);
    }

    private static String requireKid(String kid) {
        if (kid == null || kid.isEmpty() || kid.length() > 64) {
            throw SigningKeyException.notFound();
        }
        return kid;
    }

    @Override
    public AuditPage auditLog(AuditQuery q) {
        if (q == null) {
            throw new BadPaginationException("a query is required");
        }
        Cursor after = Cursor.checked(q.page(), q.perPage(), MAX_PER_PAGE, q.cursor());
        AuditStore.Filter filter = new AuditStore.Filter(q.user(), q.action(), q.from(), q.to(), q.search());
        List<AuditEntry> rows = audit.list(
                filter,
                after == null ? null : after.createdAt(),
                after == null ? null : after.id(),
                (q.page() - 1) * q.perPage(),
                q.perPage() + 1);
        List<AuditEntry> page = rows.subList(0, Math.min(rows.size(), q.perPage()));
        String next = rows.size() > q.perPage() ? Cursor.after(page, AuditEntry::createdAt, AuditEntry::id) : null;
        OptionalLong total = q.includeTotal() ? OptionalLong.of(audit.count(filter)) : OptionalLong.empty();
        return new AuditPage(page, total, next);
    }

    @Override
    public UserPage listUsers(UserQuery q) {
        if (q == null) {
            throw new BadPaginationException("a query is required");
        }
        Cursor after = Cursor.checked(q.page(), q.perPage(), MAX_PER_PAGE, q.cursor());
        // one row more than asked tells whether there is a next page, without a count
        List<UserRow> rows = users.list(
                q.search(),
                q.ascending(),
                after == null ? null : after.createdAt(),
                after == null ? null : after.id(),
                (q.page() - 1) * q.perPage(),
                q.perPage() + 1);
        List<UserRow> page = rows.subList(0, Math.min(rows.size(), q.perPage()));
        String next = rows.size() > q.perPage() ? Cursor.after(page, UserRow::createdAt, UserRow::id) : null;
        OptionalLong total = q.includeTotal() ? OptionalLong.of(users.count(q.search())) : OptionalLong.empty();
        return new UserPage(page.stream().map(UserRow::toUser).toList(), total, next);
    }

    @Override
    public Optional<User> getUser(UUID id) {
        return id == null ? Optional.empty() : users.findById(id).map(UserRow::toUser);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return EmailAddress.plausible(email) ? users.findByEmail(email).map(UserRow::toUser) : Optional.empty();
    }

    @Override
    public User createUser(NewUser n) {
        if (n == null) {
            throw new ValidationException("Email is required");
        }
        String email = EmailAddress.require(n.email());
        RoleNames.check(n.roles());
        RoleNames.check(n.role());
        String hash = null;
        if (n.passwordHash() != null) {
            if (n.password() != null) {
                throw new ValidationException(
                        PasswordHasher.HASH_UNSUPPORTED, "Give a password or a password hash, not both");
            }
            hash = hasher.importable(n.passwordHash());
        } else if (n.password() != null) {
            policy.check(n.password());
            hash = hasher.hash(n.password());
        }
        UserRow row =
                newUsers.row(email, hash, n.userMetadata(), n.confirmed(), n.roles() == null ? List.of() : n.roles());
        if (n.appMetadata() != null && !n.appMetadata().isEmpty()) {
            Map<String, Object> app = new LinkedHashMap<>(n.appMetadata());
            app.values().removeIf(java.util.Objects::isNull);
            app.putAll(row.appMetadata()); // provider, and roles when given, win
            row = row.withMetadata(app, row.userMetadata(), row.createdAt());
        }
        if (n.role() != null && !n.role().isBlank()) {
            row = row.withRole(n.role());
        }
        return writes.create(row);
    }

    @Override
    public User updateUser(UUID id, UserChanges changes) {
        if (id == null) {
            throw new io.nfidentity.UserNotFoundException();
        }
        UserChanges c = changes == null ? UserChanges.none() : changes;
        String email = c.email() == null ? null : EmailAddress.require(c.email());
        RoleNames.check(c.role());
        RoleNames.check(c.roles());
        String hash = null;
        if (c.password() != null) {
            policy.check(c.password());
            hash = hasher.hash(c.password());
        }
        return writes.update(id, c, email, hash);
    }

    @Override
    public void deleteUser(UUID id) {
        if (id == null) {
            throw new io.nfidentity.UserNotFoundException();
        }
        writes.delete(id);
    }

    /**
     * Creates the configured first administrator, only while the instance has no user at all: the configuration seeds
     * an empty instance once and never overrides what happened since (an administrator renamed or deleted does not come
     * back at the next start with the configured password). Without a configured password one is generated and
     * printed once, in the log line that reports the creation. No lifecycle events: this is configuration, not a
     * user's action.
     */
    @Transactional
    public void bootstrapAdmin(String email, String password, String role) {
        String address = EmailAddress.require(email);
        if (users.anyUser()) {
            return;
        }
        boolean generated = password == null || password.isEmpty();
        String pw = generated ? OpaqueTokens.generate().substring(0, 24) : password;
        policy.check(pw);
        users.insert(newUsers.row(address, hasher.hash(pw), null, true, List.of(role)));
        if (generated) {
            // printed once, when it is made: the only time anyone can learn it
            LOG.warning(LogId.BOOTSTRAP_ADMIN_CREATED + ": created the bootstrap administrator " + address
                    + " with the generated password " + pw + " (shown this once: log in and change it)");
        } else {
            LOG.info(() -> LogId.BOOTSTRAP_ADMIN_CREATED + ": created the bootstrap administrator " + address);
        }
    }
}
