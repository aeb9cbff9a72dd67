package io.nfidentity.impl.admin;

import io.nfidentity.AuditAction;
import io.nfidentity.EmailExistsException;
import io.nfidentity.User;
import io.nfidentity.UserChanges;
import io.nfidentity.UserNotFoundException;
import io.nfidentity.event.UserDeleted;
import io.nfidentity.event.UserModified;
import io.nfidentity.event.UserValidate;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.creation.UserCreation;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.event.EventDispatcher;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.mail.Notices;
import io.nfidentity.impl.store.RefreshTokenStore;
import io.nfidentity.impl.store.UserField;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.Claims;
import io.nfidentity.impl.user.Metadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional steps of user management. Passwords arrive already hashed, so no connection waits on Argon2.
 * Each method is one transaction: a denial or any failure leaves nothing behind.
 */
@ApplicationScoped
public class AdminWrites {
    private final Clock clock;

    private final UserStore users;

    private final RefreshTokenStore refreshTokens;

    private final EventDispatcher events;

    private final io.nfidentity.impl.revocation.SessionGuard guard;

    private final Notices notices;

    private final AuditLog audit;

    private final UserCreation creation;

    @Inject
    public AdminWrites(
            @Internal Clock clock,
            UserStore users,
            RefreshTokenStore refreshTokens,
            EventDispatcher events,
            io.nfidentity.impl.revocation.SessionGuard guard,
            Notices notices,
            AuditLog audit,
            UserCreation creation) {
        this.clock = clock;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.events = events;
        this.guard = guard;
        this.notices = notices;
        this.audit = audit;
        this.creation = creation;
    }

    /** For the container's client proxy only. */
    protected AdminWrites() {
        this(null, null, null, null, null, null, null, null);
    }

    /** Fires {@link UserValidate} and stores the new user with the observers' metadata ({@link UserCreation}). */
    @Transactional
    public User create(UserRow user) {
        return creation.create(user, UserCreation.Kind.BY_ADMIN, "email").toUser();
    }

    /**
     * Applies the changes, fires {@link UserModified} with the result and stores what the observers leave. A new
     * password also revokes every refresh token of the user.
     *
     * @param email the new address, already validated, or {@code null}
     * @param passwordHash the new password's hash, or {@code null}
     */
    @Transactional
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

    /** One entry per kind of change, so each can be found by its action; a change of nothing still leaves a trace. */
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

    /**
     * Suspends the user until {@code until} ({@link UserRow#INDEFINITELY} for ever) and ends every session at once,
     * or lifts the suspension with {@code null}; fires {@link UserModified} with the result.
     */
    @Transactional
    public User suspend(UUID id, Instant until) {
        // lock order, everywhere: the user's sessions, then the user's row (a rotation holds its session's row and
        // then needs the user's for its successor's foreign key; the other order deadlocked)
        refreshTokens.lockLiveSessions(id);
        UserRow old = users.findByIdForUpdate(id).orElseThrow(UserNotFoundException::new);
        Instant now = clock.instant();
        if (until != null && !until.isAfter(now)) {
            throw new io.nfidentity.ValidationException("A suspension must end in the future");
        }
        UserRow changed = old.withBannedUntil(until, now);
        UserModified event = events.fire(new UserModified(changed.toUser()));
        UserRow row = changed.withMetadata(
                new LinkedHashMap<>(event.user().appMetadata()), event.user().userMetadata(), now);
        users.update(row);
        if (until != null) {
            refreshTokens.revokeAllOfUser(id, now, RefreshTokenStore.REASON_USER);
            guard.endEveryAccessToken(id);
            audit.byCaller(
                    AuditAction.USER_SUSPENDED,
                    id,
                    row.email(),
                    until.equals(UserRow.INDEFINITELY) ? Map.of() : Map.of("until", until.toString()));
        } else {
            audit.byCaller(AuditAction.USER_RESTORED, id, row.email(), Map.of());
        }
        return row.toUser();
    }

    /**
     * Ends one live session of the user, from the session list (the user's own, or an administrator's): its refresh
     * tokens at once, and its access tokens from the next request (on other nodes within the guard's cache interval).
     *
     * @throws io.nfidentity.IdentityException 404 {@code session_not_found} when the user has no such live session
     */
    @Transactional
    public void endSession(UUID userId, UUID sessionId) {
        if (sessionId == null || !refreshTokens.isLiveSessionOf(sessionId, userId)) {
            throw Problem.SESSION_NOT_FOUND.exception();
        }
        refreshTokens.revokeFamily(sessionId, clock.instant(), RefreshTokenStore.REASON_LOGOUT);
        guard.sessionEnded(userId);
        String email = users.findById(userId).map(UserRow::email).orElse(null);
        audit.byCaller(
                AuditAction.LOGOUT, userId, email, Map.of("scope", "session", "session_id", sessionId.toString()));
    }

    /** The user's live sessions, newest first. */
    public java.util.List<io.nfidentity.UserSession> sessionsOf(UUID userId) {
        return refreshTokens.liveSessions(userId, clock.instant());
    }

    /** Ends every session of the user, as {@code POST /logout} does for the user, by an administrator or the user. */
    @Transactional
    public void endSessions(UUID userId) {
        UserRow user = users.findById(userId).orElseThrow(UserNotFoundException::new);
        refreshTokens.revokeAllOfUser(userId, clock.instant(), RefreshTokenStore.REASON_LOGOUT);
        guard.endAccessTokens(userId);
        audit.byCaller(AuditAction.LOGOUT, userId, user.email(), Map.of("scope", "everywhere"));
    }

    /** Stores imported users, all or none (no events: an import is not a signup). */
    @Transactional
    public void importBatch(List<UserRow> rows) {
        users.insertAll(rows);
    }

    /** Deletes the user (its refresh tokens go with it), then fires {@link UserDeleted} inside the transaction. */
    @Transactional
    public void delete(UUID id) {
        // lock order, everywhere: the user's sessions, then the user's row (a rotation holds its session's row and
        // then needs the user's for its successor's foreign key; the other order deadlocked)
        refreshTokens.lockLiveSessions(id);
        UserRow old = users.findByIdForUpdate(id).orElseThrow(UserNotFoundException::new);
        if (!users.delete(id)) {
            throw new UserNotFoundException();
        }
        guard.forget(id);
        audit.byCaller(AuditAction.USER_DELETED, old.id(), old.email(), Map.of());
        events.fire(new UserDeleted(old.toUser()));
    }
}
