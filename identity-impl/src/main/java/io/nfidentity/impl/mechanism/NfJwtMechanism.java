package io.nfidentity.impl.mechanism;

import io.nfidentity.User;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.revocation.SessionGuard;
import io.nfidentity.impl.session.InvalidGrantException;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.session.SessionService;
import io.nfidentity.impl.token.AccessTokens;
import io.nfidentity.impl.token.Claims;
import io.nfidentity.impl.web.RequestState;
import io.nfidentity.impl.web.SessionCookies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Authenticates every request from {@code Authorization: Bearer} or the {@code nf_jwt} cookie; the caller's name is
 * the user id and its groups are {@code app_metadata.roles}.
 *
 * <p>The exits, in order:
 *
 * <ol>
 *   <li>an {@code Authorization} header of the Bearer scheme: its token alone decides (logged in, or anonymous when
 *       it is malformed, forged or expired); the request's cookies are not read ({@link BearerHeader});
 *   <li>a valid {@code nf_jwt} cookie: the caller is logged in;
 *   <li>no valid access token (absent, expired or forged) but an {@code nf_refresh} cookie: the refresh token is
 *       rotated, both cookies are set anew and the caller is logged in, so an expired session never shows;
 *   <li>the refresh is refused: both cookies are cleared and the request goes on anonymously;
 *   <li>anonymous: nothing happens for public resources ({@code @PermitAll} must keep working); for resources a
 *       {@code web.xml} constraint protects, 401 with {@code WWW-Authenticate: Bearer} (the container writes the
 *       body, through the application's {@code <error-page>} if it has one). {@code @RolesAllowed} on CDI beans is
 *       answered by the role interceptor.
 * </ol>
 *
 * A database outage during a refresh is not a refusal: the cookies stay, so the session survives the outage.
 *
 * <p>Before all of it: with {@code nf.identity.loopback-only} (the sample, whose secret is published), a connection
 * that did not come from this machine to a loopback address is answered 403 {@code loopback_only}, whatever it asks.
 */
@ApplicationScoped
public class NfJwtMechanism implements HttpAuthenticationMechanism {
    private static final Logger LOG = Logger.getLogger(NfJwtMechanism.class.getName());

    private final AccessTokens tokens;

    private final SessionService sessions;

    private final SessionCookies cookies;

    private final SessionGuard guard;

    private final boolean loopbackOnly;

    private final Instance<IdentityStoreHandler> stores;

    @Inject
    public NfJwtMechanism(
            AccessTokens tokens,
            SessionService sessions,
            SessionCookies cookies,
            SessionGuard guard,
            IdentityConfig config,
            Instance<IdentityStoreHandler> stores) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.cookies = cookies;
        this.guard = guard;
        this.loopbackOnly = config != null && config.exposure().loopbackOnly();
        this.stores = stores;
    }

    /** For the container's client proxy only. */
    protected NfJwtMechanism() {
        this(null, null, null, null, null, null);
    }

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest req, HttpServletResponse res, HttpMessageContext ctx) {
        if (loopbackOnly && !(loopback(req.getRemoteAddr()) && loopback(req.getLocalAddr()))) {
            return refuseRemote(res);
        }
        RequestState.response(req, res);
        Credential credential = ctx.isAuthenticationRequest() && ctx.getAuthParameters() != null
                ? ctx.getAuthParameters().getCredential()
                : null;
        if (credential != null) {
            return authenticate(req, res, ctx, credential);
        }
        BearerHeader.Parsed auth = BearerHeader.of(req);
        if (auth.bearerScheme()) {
            // A bearer client manages its own tokens: its cookies are never read, refreshed or cleared, and a
            // malformed bearer header is a failed bearer request, never a fall-back to the cookie session.
            Optional<Claims> claims = auth.isBearer() ? verified(auth.token()) : Optional.empty();
            return claims.isPresent() ? loggedIn(req, ctx, claims.get()) : anonymous(res, ctx);
        }
        String access = SessionCookies.read(req, SessionCookies.ACCESS);
        if (access != null) {
            Optional<Claims> claims = verified(access);
            if (claims.isPresent()) {
                return loggedIn(req, ctx, claims.get());
            }
        }
        String refresh = SessionCookies.read(req, SessionCookies.REFRESH);
        if (refresh != null) {
            Optional<Session> session = refresh(refresh, res);
            if (session.isPresent()) {
                cookies.set(res, session.get().accessToken(), session.get().refreshToken());
                RequestState.refreshToken(req, session.get().refreshToken());
                // the new token's session and level for this request (verified here, so cached for the next one);
                // the user as stored, with the timestamps a token lacks
                tokens.verify(session.get().accessToken()).ifPresent(c -> remember(req, c));
                return loggedIn(req, ctx, session.get().user());
            }
        } else if (access != null) {
            cookies.clear(res);
        }
        return anonymous(res, ctx);
    }

    /**
     * {@code SecurityContext.authenticate} with a credential: the identity stores decide (ours, {@link
     * PasswordIdentityStore}, and any of the application's). When ours said yes, its session's cookies are set, so
     * the caller stays logged in as after {@code Identity.login}; another store's caller is logged in for this
     * request only (nf-identity has no session of it). A refusal is {@code SEND_FAILURE} with nothing written: the
     * application that asked answers its caller.
     */
    private AuthenticationStatus authenticate(
            HttpServletRequest req, HttpServletResponse res, HttpMessageContext ctx, Credential credential) {
        CredentialValidationResult result = stores.get().validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (result.getCallerPrincipal() instanceof SessionPrincipal ours) {
            Session session = ours.take();
            if (session == null) { // a result replayed: its session was handed out already
                return AuthenticationStatus.SEND_FAILURE;
            }
            cookies.set(res, session.accessToken(), session.refreshToken());
            RequestState.refreshToken(req, session.refreshToken());
            RequestState.user(req, session.user());
            // the user's roles whatever the handler kept of ours (Payara's keeps a validating store's groups from
            // getCallerGroups, Soteria's from the result), with what the application's group-only stores added
            Set<String> groups = new HashSet<>(result.getCallerGroups());
            groups.addAll(session.user().roles());
            return ctx.notifyContainerAboutLogin(
                    new CallerPrincipal(session.user().id().toString()), groups);
        }
        return ctx.notifyContainerAboutLogin(result);
    }

    /**
     * {@code HttpServletRequest.logout()}: ends this caller's session as {@code Identity.logout} does (the refresh
     * cookie's session, or for a bearer caller the session its access token names) and clears the cookies; then the
     * container forgets the caller.
     */
    @Override
    public void cleanSubject(HttpServletRequest req, HttpServletResponse res, HttpMessageContext ctx) {
        try {
            String refresh = RequestState.refreshToken(req);
            if (refresh == null && !BearerHeader.of(req).bearerScheme()) {
                refresh = SessionCookies.read(req, SessionCookies.REFRESH);
            }
            if (refresh != null) {
                sessions.logout(refresh);
            } else if (RequestState.user(req) != null) {
                sessions.logout(RequestState.user(req).id(), RequestState.sessionId(req));
            }
        } catch (RuntimeException e) {
            // as Identity.logout: the cookies and the caller go regardless
            LOG.log(
                    Level.WARNING,
                    LogId.LOGOUT_NOT_REVOKED + ": could not revoke the session at logout; cookies cleared anyway",
                    e);
        } finally {
            if (!BearerHeader.of(req).bearerScheme()) {
                cookies.clear(res);
            }
            RequestState.clear(req);
            HttpAuthenticationMechanism.super.cleanSubject(req, res, ctx);
        }
    }

    /** 127.0.0.0/8, alone or mapped into IPv6; compiled once, not per request. */
    private static final java.util.regex.Pattern LOOPBACK_V4 =
            java.util.regex.Pattern.compile("(?i)(::ffff:)?127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    /** A numeric address the container reports for a connection's end: loopback (no name is ever resolved). */
    static boolean loopback(String address) {
        if (address == null) {
            return false;
        }
        String a =
                address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        return LOOPBACK_V4.matcher(a).matches() || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1");
    }

    private static AuthenticationStatus refuseRemote(HttpServletResponse res) {
        try {
            res.setStatus(403);
            res.setContentType("application/json");
            res.setHeader("Cache-Control", "no-store");
            res.getWriter()
                    .write("{\"code\":403,\"msg\":\"This server runs with the sample's published secret and answers"
                            + " only on the machine it runs on\",\"error_code\":\"loopback_only\"}");
        } catch (java.io.IOException e) {
            // the client is gone: nothing to answer
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private Optional<Claims> verified(String token) {
        return tokens.verify(token).filter(guard::allows);
    }

    private Optional<Session> refresh(String refreshToken, HttpServletResponse res) {
        try {
            return Optional.of(sessions.refresh(refreshToken, false));
        } catch (InvalidGrantException | io.nfidentity.UserBannedException e) {
            // the session is over (a suspended user's too): the browser drops its cookies
            cookies.clear(res);
            return Optional.empty();
        } catch (Exception e) { // a store failure, or a commit that failed (thrown unchecked through the proxy)
            LOG.log(
                    Level.WARNING,
                    LogId.REFRESH_FAILED + ": could not refresh a session; the request continues anonymously",
                    e);
            return Optional.empty();
        }
    }

    private static AuthenticationStatus loggedIn(HttpServletRequest req, HttpMessageContext ctx, Claims claims) {
        remember(req, claims);
        return loggedIn(req, ctx, claims.toUser());
    }

    private static void remember(HttpServletRequest req, Claims claims) {
        RequestState.authTime(req, claims.authTime());
        RequestState.sessionId(req, claims.sessionId());
        RequestState.aal(req, claims.aal());
    }

    private static AuthenticationStatus loggedIn(HttpServletRequest req, HttpMessageContext ctx, User user) {
        RequestState.user(req, user);
        return ctx.notifyContainerAboutLogin(new CallerPrincipal(user.id().toString()), new HashSet<>(user.roles()));
    }

    private static AuthenticationStatus anonymous(HttpServletResponse res, HttpMessageContext ctx) {
        if (!ctx.isProtected()) {
            return ctx.doNothing();
        }
        // A web.xml constraint: the container answers 401 itself (any body written here is replaced by its error
        // page), so the application maps 401 to JSON with an <error-page>, as the sample's web.xml does.
        res.setHeader("WWW-Authenticate", "Bearer");
        return ctx.responseUnauthorized();
    }
}
