package io.nfidentity.impl.session;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.store.RefreshTokenStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.token.AccessTokens;
import io.nfidentity.impl.token.Assurance;
import io.nfidentity.impl.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * The tokens of a session, made the one way every step of a session makes them (sign-in, rotation, step-up): the
 * refresh token's stored row, and the access token that names the session and carries the roles of its level.
 */
@ApplicationScoped
public class SessionTokens {
    private final IdentityConfig config;

    private final AccessTokens accessTokens;

    @Inject
    public SessionTokens(IdentityConfig config, AccessTokens accessTokens) {
        this.config = config;
        this.accessTokens = accessTokens;
    }

    /** For the container's client proxy only. */
    protected SessionTokens() {
        this(null, null);
    }

    /** The row of a new refresh token (stored as its hash only), valid for the configured refresh-token lifetime. */
    public RefreshTokenStore.NewToken newToken(
            String refresh, UserRow user, UUID family, Instant now, Instant authenticatedAt) {
        return new RefreshTokenStore.NewToken(
                OpaqueTokens.hash(refresh),
                user.id(),
                family,
                now,
                now.plus(config.sessions().refreshTokenTtl()),
                authenticatedAt);
    }

    /**
     * The answer for a stored refresh token: the user, and an access token naming the session.
     *
     * @param refresh the refresh token to hand out, or {@code null} when the caller gets none (a cookie session that
     *     lost a race already has its cookie)
     */
    public Session session(UserRow user, UUID session, String refresh, Assurance assurance) {
        return new Session(
                user.toUser(),
                issueAccess(user, session, assurance),
                config.tokens().accessTokenTtl().toSeconds(),
                refresh);
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
}
