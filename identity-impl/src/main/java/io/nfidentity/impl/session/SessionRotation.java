package io.nfidentity.impl.session;

import io.nfidentity.AuditAction;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.revocation.SessionGuard;
import io.nfidentity.impl.store.RefreshTokenStore;
import io.nfidentity.impl.store.RefreshTokenStore.TokenRow;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.Assurance;
import io.nfidentity.impl.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A refresh: the presented token rotated for a new one of its session, in one JTA transaction. Concurrent refreshes of
 * one token (tabs, retries) end up on the same live token; a rotated token presented after the grace interval ends its
 * session ({@code nf.identity.refresh-token.reuse-interval}).
 */
@ApplicationScoped
public class SessionRotation {
    /** Rotations followed from a rotated token to its family's live one; more within the grace interval is abuse. */
    private static final int MAX_HOPS = 8;

    private final IdentityConfig config;

    private final Clock clock;

    private final UserStore users;

    private final RefreshTokenStore refreshTokens;

    private final SessionTokens tokens;

    private final SessionGuard guard;

    private final AuditLog audit;

    @Inject
    public SessionRotation(
            IdentityConfig config,
            @Internal Clock clock,
            UserStore users,
            RefreshTokenStore refreshTokens,
            SessionTokens tokens,
            SessionGuard guard,
            AuditLog audit) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
        this.guard = guard;
        this.audit = audit;
    }

    /** For the container's client proxy only. */
    protected SessionRotation() {
        this(null, null, null, null, null, null, null);
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
                    tokens.newToken(successor, user, row.familyId(), now, row.authenticatedAt()),
                    refreshed)) {
                audit.written(refreshed);
                return tokens.session(user, row.familyId(), successor, assurance(presented, row));
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
        return tokens.session(user, row.familyId(), needRefreshToken ? current : null, assurance);
    }

    private static Assurance assurance(RefreshTokenStore.Presented presented, TokenRow row) {
        return new Assurance(presented.method(), row.authenticatedAt(), presented.factorMethod(), presented.factorAt());
    }

    private boolean withinReuseInterval(Instant revokedAt, Instant now) {
        return Duration.between(revokedAt, now).compareTo(config.sessions().refreshReuseInterval()) <= 0;
    }
}
