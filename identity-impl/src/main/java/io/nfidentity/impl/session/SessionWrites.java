package io.nfidentity.impl.session;

import io.nfidentity.AuditAction;
import io.nfidentity.InvalidCredentialsException;
import io.nfidentity.event.DeniableEvent;
import io.nfidentity.event.UserLogin;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.event.EventDispatcher;
import io.nfidentity.impl.revocation.SessionGuard;
import io.nfidentity.impl.store.RefreshTokenStore;
import io.nfidentity.impl.store.SessionStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.Assurance;
import io.nfidentity.impl.token.OpaqueTokens;
import io.nfidentity.impl.web.CurrentRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional steps of a session. Slow work (password hashing) happens before these are called, so no
 * database connection is held while Argon2 runs. Every method runs in one JTA transaction: on any failure nothing is
 * stored.
 */
@ApplicationScoped
public class SessionWrites {
    private final IdentityConfig config;

    private final Clock clock;

    private final UserStore users;

    private final RefreshTokenStore refreshTokens;

    private final SessionTokens tokens;

    private final EventDispatcher events;

    private final SessionGuard guard;

    private final AuditLog audit;

    private final CurrentRequest client;

    private final SessionStore sessionRows;

    @Inject
    public SessionWrites(
            IdentityConfig config,
            @Internal Clock clock,
            UserStore users,
            RefreshTokenStore refreshTokens,
            SessionTokens tokens,
            EventDispatcher events,
            SessionGuard guard,
            AuditLog audit,
            CurrentRequest client,
            SessionStore sessionRows) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
        this.events = events;
        this.guard = guard;
        this.audit = audit;
        this.client = client;
        this.sessionRows = sessionRows;
    }

    /** For the container's client proxy only. */
    protected SessionWrites() {
        this(null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * A password login whose password was checked, outside any transaction, against {@code verifiedHash}: the row is
     * read again under its lock, and if its hash changed meanwhile (a password change or reset won the race) the old
     * password no longer counts. The rest of the row is the fresh one, so nothing an administrator changed meanwhile
     * (roles, metadata) is written back over.
     *
     * @param upgradedHash the same password hashed with the current parameters, or {@code null}
     * @throws InvalidCredentialsException when the password changed since it was checked, or the user is gone
     */
    @Transactional
    public Session signInWithPassword(UUID userId, String verifiedHash, String upgradedHash) {
        UserRow user = users.findByIdForUpdate(userId)
                .filter(u ->
                        u.encryptedPassword() != null && u.encryptedPassword().equals(verifiedHash))
                .orElseThrow(InvalidCredentialsException::new);
        if (user.suspendedAt(clock.instant())) {
            throw new io.nfidentity.UserBannedException(); // suspended since the password was checked
        }
        if (upgradedHash != null) {
            user = user.withPassword(upgradedHash, clock.instant());
        }
        return signIn(user, "email");
    }

    /**
     * Fires {@link UserLogin}, then records the sign-in (with the observers' metadata) and opens a new session family,
     * whose token carries that metadata.
     *
     * @param provider {@code email} for a password, else the external provider's name, which the audit entry and the
     *     session list show
     */
    @Transactional
    public Session signIn(UserRow user, String provider) {
        return signIn(user, provider, null);
    }

    /**
     * {@link #signIn(UserRow, String)} by a method that is two factors at once (a passkey that verified its user): the
     * session starts at level 2, its second factor that method, at the same instant.
     *
     * @param factorId the credential that signed in, recorded as the session's factor
     */
    @Transactional
    public Session signInAtLevelTwo(UserRow user, String provider, UUID factorId) {
        return signIn(user, provider, factorId);
    }

    private Session signIn(UserRow user, String provider, UUID factorId) {
        Instant now = clock.instant();
        String method = provider.equals("email") ? "password" : provider;
        UserRow signedIn = apply(user.withLastSignIn(now, method), events.fire(new UserLogin(user.toUser())), now);
        users.update(signedIn);
        io.nfidentity.AuditEntry entry =
                audit.selfEntry(AuditAction.LOGIN, signedIn.id(), signedIn.email(), Map.of("provider", provider));
        audit.written(entry); // the session's insert writes it, in this transaction
        if (factorId == null) {
            return start(signedIn, now, method, entry);
        }
        UUID id = UUID.randomUUID();
        String refresh = OpaqueTokens.generate();
        refreshTokens.openSession(
                id,
                now,
                method,
                client.address(),
                client.userAgent(),
                tokens.newToken(refresh, signedIn, id, now, now),
                entry);
        sessionRows.stepUp(id, method, now, factorId);
        return tokens.session(signedIn, id, refresh, new Assurance(method, now, method, now));
    }

    private static UserRow apply(UserRow row, DeniableEvent event, Instant now) {
        return row.withMetadata(event.user().appMetadata(), event.user().userMetadata(), now);
    }

    /**
     * Ends every session of the user (their access tokens too, by the sessions they name), as part of a larger change
     * that writes its own audit entry (an account taken over from credentials that never proved the mailbox). A
     * session opened after it in the same transaction is not touched.
     */
    public void endEverySession(UUID userId) {
        refreshTokens.revokeAllOfUser(userId, clock.instant(), RefreshTokenStore.REASON_USER);
        guard.endAccessTokens(userId);
    }

    /**
     * Locks the user's live sessions until the transaction ends: taken before the user's row by every change that
     * also ends or outdates sessions, in that order, as a rotation takes them (its session, then the user's row for
     * its successor's foreign key).
     */
    public void lockSessionsOf(UUID userId) {
        refreshTokens.lockLiveSessions(userId);
    }

    /**
     * Opens a new session for the user, authenticated now (a mailed link was followed, say).
     *
     * @param method how the session starts, for the session list: {@code confirmation}, {@code invite}, ...
     */
    public Session open(UserRow user, String method) {
        Instant now = clock.instant();
        return start(user, now, method, null);
    }

    /**
     * A new session: its row (how and where it started), then its first refresh and access tokens.
     *
     * @param entry the audit entry of the sign-in, written with the session, or {@code null}
     */
    private Session start(UserRow user, Instant now, String method, io.nfidentity.AuditEntry entry) {
        UUID id = UUID.randomUUID();
        String refresh = OpaqueTokens.generate();
        refreshTokens.openSession(
                id,
                now,
                method,
                client.address(),
                client.userAgent(),
                tokens.newToken(refresh, user, id, now, now),
                entry);
        return tokens.session(user, id, refresh, new Assurance(method, now, null, null));
    }

    /**
     * A verified factor was removed: every session of the user back to level 1, and level-2 access tokens refused on
     * every node. The caller holds the user's session locks ({@link #lockSessionsOf}).
     */
    public void dropToLevelOne(UUID userId) {
        sessionRows.dropToLevelOne(userId);
        guard.factorRemoved(userId);
    }

    /**
     * The user's roles changed by an observer of another change (a factor's): tokens with the old roles are refused as
     * after an administrator's change. The caller holds the user's session locks.
     */
    public void rolesChanged(UUID userId) {
        guard.rolesChanged(userId);
    }

    /**
     * The session verified a second factor ({@code totp}, {@code recovery}): from now on it is at level 2, and so is
     * every token a refresh of it issues. Its live refresh token is replaced (a copy someone else kept does not become
     * a level-2 token), and the answer carries the new pair.
     *
     * @throws io.nfidentity.NotAuthenticatedException when the session is not a live session of the user
     */
    @Transactional
    public Session stepUp(UserRow user, UUID sessionId, String factorMethod, UUID factorId) {
        Instant now = clock.instant();
        SessionStore.LiveSession live =
                sessionRows.lockLive(sessionId, user.id()).orElseThrow(io.nfidentity.NotAuthenticatedException::new);
        String refresh = OpaqueTokens.generate();
        Instant authenticatedAt = refreshTokens
                .replaceLive(
                        sessionId, now, authenticated -> tokens.newToken(refresh, user, sessionId, now, authenticated))
                .orElseThrow(io.nfidentity.NotAuthenticatedException::new);
        sessionRows.stepUp(sessionId, factorMethod, now, factorId);
        return tokens.session(
                user, sessionId, refresh, new Assurance(live.method(), authenticatedAt, factorMethod, now));
    }
}
