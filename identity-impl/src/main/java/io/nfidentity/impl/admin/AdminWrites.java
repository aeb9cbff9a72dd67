package io.nfidentity.impl.admin;

import io.nfidentity.AuditAction;
import io.nfidentity.User;
import io.nfidentity.UserChanges;
import io.nfidentity.UserNotFoundException;
import io.nfidentity.event.UserDeleted;
import io.nfidentity.event.UserModified;
import io.nfidentity.event.UserValidate;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.event.EventDispatcher;
import io.nfidentity.impl.lifecycle.UserCreation;
import io.nfidentity.impl.lifecycle.UserUpdate;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.mail.Notices;
import io.nfidentity.impl.store.RefreshTokenStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
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

    private final io.nfidentity.impl.store.SessionStore sessions;

    private final EventDispatcher events;

    private final io.nfidentity.impl.revocation.SessionGuard guard;

    private final Notices notices;

    private final AuditLog audit;

    private final UserCreation creation;

    private final UserUpdate updates;

    @Inject
    public AdminWrites(
            @Internal Clock clock,
            UserStore users,
            RefreshTokenStore refreshTokens,
            io.nfidentity.impl.store.SessionStore sessions,
            EventDispatcher events,
            io.nfidentity.impl.revocation.SessionGuard guard,
            Notices notices,
            AuditLog audit,
            UserCreation creation,
            UserUpdate updates,
            io.nfidentity.impl.store.FactorStore factors) {
        this.clock = clock;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.events = events;
        this.guard = guard;
        this.notices = notices;
        this.audit = audit;
        this.creation = creation;
        this.updates = updates;
        this.factors = factors;
    }

    private final io.nfidentity.impl.store.FactorStore factors;

    /** For the container's client proxy only. */
    protected AdminWrites() {
        this(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Fires {@link UserValidate} and stores the new user with the observers' metadata ({@link UserCreation}). */
    @Transactional
    public User create(UserRow user) {
        return creation.create(user, UserCreation.Kind.BY_ADMIN, "email").toUser();
    }

    /** {@link UserUpdate#update}: an administrator's change. */
    @Transactional
    public User update(UUID id, UserChanges changes, String email, String passwordHash) {
        return updates.update(id, changes, email, passwordHash);
    }

    /** One entry per kind of change, so each can be found by its action; a change of nothing still leaves a trace. */

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
        if (sessionId == null || !sessions.isLiveSessionOf(sessionId, userId)) {
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
        return sessions.liveSessions(userId, clock.instant());
    }

    /** Ends every session of the user, as {@code POST /logout} does for the user, by an administrator or the user. */
    @Transactional
    public void endSessions(UUID userId) {
        UserRow user = users.findById(userId).orElseThrow(UserNotFoundException::new);
        refreshTokens.revokeAllOfUser(userId, clock.instant(), RefreshTokenStore.REASON_LOGOUT);
        guard.endAccessTokens(userId);
        audit.byCaller(AuditAction.LOGOUT, userId, user.email(), Map.of("scope", "everywhere"));
    }

    /** Stores imported users and their factors, all or none (no events: an import is not a signup). */
    @Transactional
    public void importBatch(List<UserRow> rows, List<io.nfidentity.impl.store.FactorStore.FactorRow> factorRows) {
        users.insertAll(rows);
        factorRows.forEach(factors::insert);
    }

    /** Deletes the user (its refresh tokens go with it), then fires {@link UserDeleted} inside the transaction. */
    @Transactional
    public void delete(UUID id) {
        remove(id, Map.of());
    }

    /**
     * {@link #delete} at the user's own request ({@code DELETE /user}): the audit entry says so, and the address gets
     * an {@code account_deleted} notice once the deletion has committed.
     */
    @Transactional
    public void deleteOwnAccount(UUID id) {
        UserRow old = remove(id, Map.of("by", "self"));
        notices.afterCommit(MailKind.ACCOUNT_DELETED, old.email(), old.email(), null);
    }

    private UserRow remove(UUID id, Map<String, Object> traits) {
        // lock order, everywhere: the user's sessions, then the user's row (a rotation holds its session's row and
        // then needs the user's for its successor's foreign key; the other order deadlocked)
        refreshTokens.lockLiveSessions(id);
        UserRow old = users.findByIdForUpdate(id).orElseThrow(UserNotFoundException::new);
        if (!users.delete(id)) {
            throw new UserNotFoundException();
        }
        guard.forget(id);
        audit.byCaller(AuditAction.USER_DELETED, old.id(), old.email(), traits);
        events.fire(new UserDeleted(old.toUser()));
        return old;
    }
}
