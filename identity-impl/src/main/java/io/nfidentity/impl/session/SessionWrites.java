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
import io.nfidentity.impl.store.RefreshTokenStore.TokenRow;
import io.nfidentity.impl.store.SessionStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.AccessTokens;
import io.nfidentity.impl.token.Assurance;
import io.nfidentity.impl.token.OpaqueTokens;
import io.nfidentity.impl.web.CurrentRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
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
    /** Rotations followed from a rotated token to its family's live one; more within the grace interval is abuse. */
    private static final int MAX_HOPS = 8;

    private final IdentityConfig config;

    private final Clock clock;

    private final UserStore users;

    private final RefreshTokenStore refreshTokens;

    private final AccessTokens accessTokens;

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
            AccessTokens accessTokens,
            EventDispatcher events,
            SessionGuard guard,
            AuditLog audit,
            CurrentRequest client,
            SessionStore sessionRows) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
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
                newToken(refresh, signedIn, id, now, now),
                entry);
        sessionRows.stepUp(id, method, now, factorId);
        return session(signedIn, id, refresh, new Assurance(method, now, method, now));
    }

    private static UserRow apply(UserRow row, DeniableEvent event, Instant now) {
        return row.withMetadata(event.user().appMetadata(), event.user().userMetadata(), now);
    }

    /**
     * Rotates a refresh token: the presented one is revoked and a new one of the same family issued, with an access
     * token that carries the user's current metadata and roles. The new token is also stored sealed under the
     * presented one ({@link OpaqueTokens#seal}), for concurrent refreshes.
     *
     * @throws InvalidGrantException for an unknown, revoked or expired token, or a deleted user
     */
    // the family revocation on reuse must commit although the refresh itself fails
    @Transactional(dontRollbackOn = InvalidGrantException.class)
    public Session rotate(String token, boolean needRefreshToken) {
        Instant now = clock.instant();
        // The session's lock first, the user after it: an end of the session or a role change either waits for this
        // rotation (and then sees its successor) or is seen by it (the session ended, the new roles read).
        RefreshTokenStore.Presented presented = refreshTokens
                .findForRotation(OpaqueTokens.hash(token))
                .orElseThrow(() -> new InvalidGrantException("Invalid Refresh Token"));
        TokenRow row = presented.token();
        RefreshTokenStore.SessionLock session = presented.session();
        UserRow user =
                users.findById(row.userId()).orElseThrow(() -> new InvalidGrantException("Invalid Refresh Token"));
        if (user.suspendedAt(now)) {
            // its tokens were revoked at the suspension; this also covers a token issued in a race with it
            throw new io.nfidentity.UserBannedException();
        }
        if (row.revokedAt() == null) {
            if (!row.expiresAt().isAfter(now)) {
                throw new InvalidGrantException("Refresh token expired");
            }
            if (session == RefreshTokenStore.SessionLock.ENDED) {
                // ended (logout, a password change, the session list) while this refresh was on its way
                throw new InvalidGrantException("Invalid Refresh Token");
            }
            String successor = OpaqueTokens.generate();
            io.nfidentity.AuditEntry refreshed =
                    audit.selfEntry(AuditAction.TOKEN_REFRESHED, user.id(), user.email(), Map.of());
            if (refreshTokens.rotate(
                    row.id(),
                    now,
                    OpaqueTokens.seal(successor, token),
                    newToken(successor, user, row.familyId(), now, row.authenticatedAt()),
                    refreshed)) {
                audit.written(refreshed);
                return session(user, row.familyId(), successor, assurance(presented, row));
            }
            // lost a race with a concurrent rotation of the same token, which has committed by now: read it locked,
            // so that the winner's commit is seen on every database
            row = findLocked(token);
        }
        if (row.rotated() && withinReuseInterval(row.revokedAt(), now)) {
            // A token rotated a moment ago by a concurrent request of the same client: follow it to the live token
            // of its family, so both requests end up with the same session and nothing is forked.
            return concurrent(user, row, token, now, needRefreshToken, assurance(presented, row));
        }
        if (row.rotated()) {
            // A rotated token presented again after the grace interval: someone kept a copy. Revoke the whole
            // family, so a stolen token dies with the original (RFC 6819 5.2.2.3, OAuth 2.0 Security BCP 4.14).
            refreshTokens.revokeFamily(row.familyId(), now, RefreshTokenStore.REASON_REUSE);
            guard.sessionEnded(user.id());
            audit.self(AuditAction.TOKEN_REVOKED, user.id(), user.email(), Map.of("reason", "reuse"));
        }
        throw new InvalidGrantException("Invalid Refresh Token");
    }

    private TokenRow findLocked(String token) {
        return refreshTokens
                .findLocked(OpaqueTokens.hash(token))
                .orElseThrow(() -> new InvalidGrantException("Invalid Refresh Token"));
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
     * A refresh that raced another one of the same token. The chain of rotations is followed, through the sealed
     * successors, to the family's live token; if the family has none (logout, logout everywhere, a password change,
     * a reuse revocation), the refresh fails: the grace interval serves concurrent refreshes of a live session only.
     * An API client gets that same live token (GoTrue does the same), a cookie session only an access token (its
     * cookie was already set by the request that won).
     */
    private Session concurrent(
            UserRow user, TokenRow rotated, String token, Instant now, boolean needRefreshToken, Assurance assurance) {
        TokenRow row = rotated;
        String current = token;
        for (int hops = 0; row.revokedAt() != null; hops++) {
            String next = row.rotated() && row.successor() != null && hops < MAX_HOPS
                    ? OpaqueTokens.unseal(row.successor(), current)
                    : null;
            if (next == null) {
                throw new InvalidGrantException("Invalid Refresh Token");
            }
            current = next;
            row = findLocked(current); // the successor a concurrent rotation committed: a locking read sees it
        }
        if (!row.expiresAt().isAfter(now)) {
            throw new InvalidGrantException("Refresh token expired");
        }
        audit.self(AuditAction.TOKEN_REFRESHED, user.id(), user.email(), Map.of("concurrent", true));
        return new Session(
                user.toUser(), issueAccess(user, row.familyId(), assurance), ttl(), needRefreshToken ? current : null);
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
                id, now, method, client.address(), client.userAgent(), newToken(refresh, user, id, now, now), entry);
        return session(user, id, refresh, new Assurance(method, now, null, null));
    }

    private RefreshTokenStore.NewToken newToken(
            String refresh, UserRow user, UUID family, Instant now, Instant authenticatedAt) {
        return new RefreshTokenStore.NewToken(
                OpaqueTokens.hash(refresh),
                user.id(),
                family,
                now,
                now.plus(config.sessions().refreshTokenTtl()),
                authenticatedAt);
    }

    /** The answer for a stored refresh token: the user, and an access token naming the session. */
    private Session session(UserRow user, UUID family, String refresh, Assurance assurance) {
        return new Session(user.toUser(), issueAccess(user, family, assurance), ttl(), refresh);
    }

    private static Assurance assurance(RefreshTokenStore.Presented presented, TokenRow row) {
        return new Assurance(presented.method(), row.authenticatedAt(), presented.factorMethod(), presented.factorAt());
    }

    /**
     * The access token: the user's metadata, except that at level 1 {@code app_metadata.roles} leaves out the roles of
     * {@code nf.identity.mfa.required-for-roles}, so {@code @RolesAllowed} and web.xml constraints see them only after a
     * second factor.
     */
    private String issueAccess(UserRow user, UUID session, Assurance assurance) {
        return accessTokens.issue(
                user.id(),
                user.email(),
                RolesAtLevel.appMetadata(
                        user.appMetadata(),
                        assurance.level(),
                        config.accounts().mfa().requiredForRoles()),
                user.userMetadata(),
                assurance.authenticatedAt(),
                session,
                assurance);
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
                .replaceLive(sessionId, now, authenticated -> newToken(refresh, user, sessionId, now, authenticated))
                .orElseThrow(io.nfidentity.NotAuthenticatedException::new);
        sessionRows.stepUp(sessionId, factorMethod, now, factorId);
        return session(user, sessionId, refresh, new Assurance(live.method(), authenticatedAt, factorMethod, now));
    }

    private long ttl() {
        return config.tokens().accessTokenTtl().toSeconds();
    }

    private boolean withinReuseInterval(Instant revokedAt, Instant now) {
        return Duration.between(revokedAt, now).compareTo(config.sessions().refreshReuseInterval()) <= 0;
    }
}
