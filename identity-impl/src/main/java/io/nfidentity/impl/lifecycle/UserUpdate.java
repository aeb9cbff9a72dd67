package io.nfidentity.impl.lifecycle;

import io.nfidentity.AuditAction;
import io.nfidentity.EmailExistsException;
import io.nfidentity.User;
import io.nfidentity.UserChanges;
import io.nfidentity.UserNotFoundException;
import io.nfidentity.event.UserModified;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.event.EventDispatcher;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.mail.Notices;
import io.nfidentity.impl.revocation.SessionGuard;
import io.nfidentity.impl.store.RefreshTokenStore;
import io.nfidentity.impl.store.UserField;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.Claims;
import io.nfidentity.impl.user.Metadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one way a stored user changes its address, password, roles or metadata, for an administrator ({@code
 * IdentityAdmin.updateUser}, {@code PUT /admin/users/{id}}) and for the user ({@code PUT /user}): the row locked after
 * its live sessions, {@code UserModified} fired, the row stored, sessions and tokens ended as the change requires,
 * notices mailed after the commit, the audit entries written. The caller's transaction holds it all.
 */
@ApplicationScoped
public class UserUpdate {
    private final Clock clock;

    private final UserStore users;

    private final RefreshTokenStore refreshTokens;

    private final EventDispatcher events;

    private final SessionGuard guard;

    private final Notices notices;

    private final AuditLog audit;

    @Inject
    public UserUpdate(
            @Internal Clock clock,
            UserStore users,
            RefreshTokenStore refreshTokens,
            EventDispatcher events,
            SessionGuard guard,
            Notices notices,
            AuditLog audit) {
        this.clock = clock;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.events = events;
        this.guard = guard;
        this.notices = notices;
        this.audit = audit;
    }

    /** For the container's client proxy only. */
    protected UserUpdate() {
        this(null, null, null, null, null, null, null);
    }

    /**
     * Applies the changes, fires {@link UserModified} with the result and stores what the observers leave. A new
     * password also revokes every refresh token of the user.
     *
     * @param email the new address, already validated, or {@code null}
     * @param passwordHash the new password's hash, or {@code null}
     */
    public User update(UUID id, UserChanges changes, String email, String passwordHash) {
        // lock order, everywhere: the user's sessions, then the user's row (a rotation holds its session's row and
        // then needs the user's for its successor's foreign key; the other order deadlocked)
        refreshTokens.lockLiveSessions(id);
        UserRow old = users.findByIdForUpdate(id).orElseThrow(UserNotFoundException::new);
        Instant now = clock.instant();
        if (email != null
                && !UserStore.emailKey(email).equals(UserStore.emailKey(old.email()))
                && users.findByEmail(email).isPresent()) {
            throw new EmailExistsException();
        }
        Map<String, Object> app = Metadata.merge(old.appMetadata(), changes.appMetadata());
        if (changes.roles() != null) {
            app.put("roles", new ArrayList<>(changes.roles()));
        }
        app.put("provider", old.appMetadata().getOrDefault("provider", "email"));
        Map<String, Object> meta = Metadata.merge(old.userMetadata(), changes.userMetadata());
        UserRow.Builder change =
                old.toBuilder().set(UserField.APP_METADATA, app).set(UserField.USER_METADATA, meta);
        if (changes.role() != null) {
            change.set(UserField.ROLE, changes.role());
        }
        if (email != null) {
            change.set(UserField.EMAIL, email);
        }
        if (passwordHash != null) {
            change.set(UserField.ENCRYPTED_PASSWORD, passwordHash);
        }
        if (Boolean.TRUE.equals(changes.confirm()) && old.confirmedAt() == null) {
            change.set(UserField.CONFIRMED_AT, now);
        }
        UserRow changed = change.build(now);
        UserModified event = events.fire(new UserModified(changed.toUser()));
        UserRow row = changed.withMetadata(
                new LinkedHashMap<>(event.user().appMetadata()), event.user().userMetadata(), now);
        users.update(row);
        if (passwordHash != null) {
            // an administrator's (or a caller's, see AccountWrites.updateSelf) password proves no mailbox
            users.setPasswordProven(id, false);
            refreshTokens.revokeAllOfUser(id, now, RefreshTokenStore.REASON_USER);
            guard.endAccessTokens(id);
            notices.afterCommit(MailKind.PASSWORD_CHANGED, row.email(), row.email(), null);
        } else if (!Claims.rolesOf(old.appMetadata()).equals(Claims.rolesOf(row.appMetadata()))
                || !java.util.Objects.equals(old.role(), row.role())) {
            // Tokens carry the roles they were issued with: end them now, so @RolesAllowed and the admin API see
            // the new roles at the next request. Refresh tokens stay: a cookie session refreshes into the new roles.
            // The refreshes in flight finish first (their tokens are then issued before this instant), and those that
            // follow read the new roles (the live sessions were locked first); a token of the change's own second
            // counts only with the new roles.
            guard.rolesChanged(id);
        }
        if (!UserStore.emailKey(old.email()).equals(UserStore.emailKey(row.email()))) {
            notices.afterCommit(MailKind.EMAIL_CHANGED, old.email(), old.email(), row.email());
        }
        audited(old, row, passwordHash != null);
        return row.toUser();
    }

    private void audited(UserRow old, UserRow row, boolean password) {
        boolean any = false;
        if (password) {
            audit.byCaller(AuditAction.PASSWORD_CHANGED, row.id(), row.email(), Map.of());
            any = true;
        }
        if (!old.email().equals(row.email())) {
            audit.byCaller(
                    AuditAction.EMAIL_CHANGED, row.id(), row.email(), Map.of("from", old.email(), "to", row.email()));
            any = true;
        }
        java.util.List<String> before = Claims.rolesOf(old.appMetadata());
        java.util.List<String> after = Claims.rolesOf(row.appMetadata());
        if (!before.equals(after) || !java.util.Objects.equals(old.role(), row.role())) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("from", before);
            t.put("to", after);
            if (!java.util.Objects.equals(old.role(), row.role())) {
                t.put("role_from", old.role() == null ? "" : old.role());
                t.put("role_to", row.role() == null ? "" : row.role());
            }
            audit.byCaller(AuditAction.ROLES_CHANGED, row.id(), row.email(), t);
            any = true;
        }
        java.util.List<String> fields = new ArrayList<>();
        if (!old.userMetadata().equals(row.userMetadata())) {
            fields.add("user_metadata");
        }
        Map<String, Object> oldApp = new LinkedHashMap<>(old.appMetadata());
        Map<String, Object> newApp = new LinkedHashMap<>(row.appMetadata());
        oldApp.remove("roles");
        newApp.remove("roles");
        if (!oldApp.equals(newApp)) {
            fields.add("app_metadata");
        }
        if (!java.util.Objects.equals(old.confirmedAt(), row.confirmedAt())) {
            fields.add("confirmed_at");
        }
        if (!fields.isEmpty() || !any) {
            audit.byCaller(AuditAction.USER_MODIFIED, row.id(), row.email(), Map.of("fields", fields));
        }
    }
}
