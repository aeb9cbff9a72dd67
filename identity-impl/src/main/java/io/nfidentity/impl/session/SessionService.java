package io.nfidentity.impl.session;

import io.nfidentity.impl.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The rules of refresh and logout: one implementation, used by the facade, the mechanism and the REST API alike.
 * Password login is {@link io.nfidentity.impl.login.PasswordLogin}; signup {@link io.nfidentity.impl.signup.Signup}.
 */
@ApplicationScoped
public class SessionService {
    private final SessionRotation rotation;
    private final Logouts logouts;

    @Inject
    public SessionService(SessionRotation rotation, Logouts logouts) {
        this.rotation = rotation;
        this.logouts = logouts;
    }

    /** For the container's client proxy only. */
    protected SessionService() {
        this(null, null);
    }

    /**
     * @param needRefreshToken whether the caller must get a refresh token even when the presented one was rotated a
     *     moment ago by a concurrent request (API clients: yes; cookie sessions: no, the cookie is already set)
     * @throws InvalidGrantException when the token is not a live refresh token
     */
    public Session refresh(String refreshToken, boolean needRefreshToken) {
        if (!OpaqueTokens.plausible(refreshToken)) {
            throw new InvalidGrantException("Invalid Refresh Token");
        }
        return rotation.rotate(refreshToken, needRefreshToken);
    }

    /** Ends every session of the user: all its refresh tokens stop working. */
    public void logoutEverywhere(io.nfidentity.User user) {
        logouts.endAll(user.id(), user.email());
    }

    /** Ends the session of this refresh token, if it is one. Never fails for a bad token. */
    public void logout(String refreshToken) {
        if (OpaqueTokens.plausible(refreshToken)) {
            logouts.end(refreshToken);
        }
    }

    /** Ends the session of this id if it is a live one of the user's. Never fails for an unknown id. */
    public void logout(java.util.UUID userId, java.util.UUID sessionId) {
        if (userId != null && sessionId != null) {
            logouts.end(userId, sessionId);
        }
    }
}
