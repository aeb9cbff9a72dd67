package io.nfidentity.impl.session;

import io.nfidentity.AuditAction;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.revocation.SessionGuard;
import io.nfidentity.impl.store.RefreshTokenStore;
import io.nfidentity.impl.store.SessionStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Logouts, each in one JTA transaction: a session's end (its refresh tokens, and its access tokens by the session id
 * they name), or every session of a user, with the audit entry. A rotation in flight is serialised with them by the
 * session's row ({@link RefreshTokenStore#findForRotation}).
 */
@ApplicationScoped
public class Logouts {
    private final Clock clock;
    private final UserStore users;
    private final RefreshTokenStore refreshTokens;
    private final SessionStore sessions;
    private final SessionGuard guard;
    private final AuditLog audit;

    @Inject
    public Logouts(
            @Internal Clock clock,
            UserStore users,
            RefreshTokenStore refreshTokens,
            SessionStore sessions,
            SessionGuard guard,
            AuditLog audit) {
        this.clock = clock;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.guard = guard;
        this.audit = audit;
    }

    /** For the container's client proxy only. */
    protected Logouts() {
        this(null, null, null, null, null, null);
    }

    /** Ends every session of the user: its refresh tokens, and its access tokens issued before this second. */
    @Transactional
    public void endAll(UUID userId, String email) {
        refreshTokens.revokeAllOfUser(userId, clock.instant(), RefreshTokenStore.REASON_LOGOUT);
        guard.endAccessTokens(userId);
        audit.self(AuditAction.LOGOUT, userId, email, Map.of("scope", "everywhere"));
    }

    /** Ends the session the refresh token belongs to. Unknown tokens are ignored: logout always succeeds. */
    @Transactional
    public void end(String token) {
        refreshTokens.find(OpaqueTokens.hash(token)).ifPresent(row -> {
            refreshTokens.revokeFamily(row.familyId(), clock.instant(), RefreshTokenStore.REASON_LOGOUT);
            guard.sessionEnded(row.userId());
            String email = users.findById(row.userId()).map(UserRow::email).orElse(null);
            audit.self(AuditAction.LOGOUT, row.userId(), email, Map.of("scope", "session"));
        });
    }

    /**
     * Ends the session (refresh-token family) of the user that a verified access token names: how a bearer caller
     * logs out through {@code HttpServletRequest.logout()}. Another user's session id is ignored.
     */
    @Transactional
    public void end(UUID userId, UUID sessionId) {
        if (sessions.isLiveSessionOf(sessionId, userId)) {
            refreshTokens.revokeFamily(sessionId, clock.instant(), RefreshTokenStore.REASON_LOGOUT);
            guard.sessionEnded(userId);
            String email = users.findById(userId).map(UserRow::email).orElse(null);
            audit.self(AuditAction.LOGOUT, userId, email, Map.of("scope", "session"));
        }
    }
}
