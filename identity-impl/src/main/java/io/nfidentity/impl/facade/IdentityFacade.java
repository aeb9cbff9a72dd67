package io.nfidentity.impl.facade;

import io.nfidentity.Identity;
import io.nfidentity.IdentityAdmin;
import io.nfidentity.NotAuthenticatedException;
import io.nfidentity.OriginNotAllowedException;
import io.nfidentity.User;
import io.nfidentity.impl.admin.AccountDeletion;
import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.limit.DeviceCookies;
import io.nfidentity.impl.limit.Limiters;
import io.nfidentity.impl.login.PasswordLogin;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.session.SessionService;
import io.nfidentity.impl.signup.Signup;
import io.nfidentity.impl.web.RequestState;
import io.nfidentity.impl.web.SessionCookies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@link Identity} for the current HTTP request. */
@RequestScoped
public class IdentityFacade implements Identity {
    private static final Logger LOG = Logger.getLogger(IdentityFacade.class.getName());

    private final HttpServletRequest request;

    private final PasswordLogin logins;

    private final SessionService sessions;

    private final Limiters limits;

    private final Signup signup;

    private final SessionCookies cookies;

    private final OriginCheck origins;

    private final DeviceCookies devices;

    private final IdentityAdmin admin;

    private final AccountDeletion deletion;

    @Inject
    public IdentityFacade(
            HttpServletRequest request,
            PasswordLogin logins,
            SessionService sessions,
            Limiters limits,
            Signup signup,
            SessionCookies cookies,
            OriginCheck origins,
            DeviceCookies devices,
            IdentityAdmin admin,
            AccountDeletion deletion) {
        this.request = request;
        this.logins = logins;
        this.sessions = sessions;
        this.limits = limits;
        this.signup = signup;
        this.cookies = cookies;
        this.origins = origins;
        this.devices = devices;
        this.admin = admin;
        this.deletion = deletion;
    }

    /** For the container's client proxy only. */
    protected IdentityFacade() {
        this(null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public Optional<User> currentUser() {
        return Optional.ofNullable(RequestState.user(request));
    }

    @Override
    public User requireUser() {
        return currentUser().orElseThrow(NotAuthenticatedException::new);
    }

    @Override
    public io.nfidentity.AssuranceLevel assuranceLevel() {
        requireUser();
        return level(request);
    }

    @Override
    public void requireAal2() {
        requireUser();
        if (level(request) != io.nfidentity.AssuranceLevel.AAL2) {
            throw new io.nfidentity.InsufficientAalException();
        }
    }

    /** The verified token's level; a caller the container authenticated by password just now is at level 1. */
    static io.nfidentity.AssuranceLevel level(jakarta.servlet.http.HttpServletRequest request) {
        io.nfidentity.AssuranceLevel aal = RequestState.aal(request);
        return aal == null ? io.nfidentity.AssuranceLevel.AAL1 : aal;
    }

    @Override
    public java.util.List<io.nfidentity.UserIdentity> identities() {
        return admin.identities(requireUser().id());
    }

    @Override
    public User login(String email, String password) {
        Session session = logins.login(
                email,
                password,
                new PasswordLogin.Client(request.getRemoteAddr(), SessionCookies.read(request, DeviceCookies.NAME)));
        RequestState.response(request).addHeader("Set-Cookie", devices.issue(email));
        return start(session);
    }

    @Override
    public User signup(String email, String password, Map<String, Object> data) {
        limits.attempt("signup", request.getRemoteAddr());
        Signup.Result result = signup.signup(email, password, data, true);
        return result.session() == null ? result.user() : start(result.session());
    }

    @Override
    public void logout() {
        String refresh = RequestState.refreshToken(request);
        try {
            sessions.logout(refresh);
        } catch (RuntimeException e) {
            // the cookies go regardless: a user who clicked "log out" must be logged out of this browser
            LOG.log(
                    Level.WARNING,
                    LogId.LOGOUT_NOT_REVOKED + ": could not revoke the refresh token at logout; cookies cleared anyway",
                    e);
        } finally {
            cookies.clear(RequestState.response(request));
            RequestState.clear(request);
        }
    }

    @Override
    public void logoutEverywhere() {
        User user = requireUser();
        try {
            sessions.logoutEverywhere(user);
        } finally {
            cookies.clear(RequestState.response(request));
            RequestState.clear(request);
        }
    }

    @Override
    public void deleteAccount() {
        User user = requireUser();
        deletion.deleteOwnAccount(user.id(), RequestState.sessionId(request));
        cookies.clear(RequestState.response(request));
        RequestState.clear(request);
    }

    @Override
    public void verifyRequestOrigin() {
        if (!origins.allows(request)) {
            throw new OriginNotAllowedException();
        }
    }

    private User start(Session session) {
        cookies.set(RequestState.response(request), session.accessToken(), session.refreshToken());
        RequestState.user(request, session.user());
        RequestState.refreshToken(request, session.refreshToken());
        return session.user();
    }
}
