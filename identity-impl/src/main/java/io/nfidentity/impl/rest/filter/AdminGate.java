package io.nfidentity.impl.rest.filter;

import io.nfidentity.User;
import io.nfidentity.impl.admin.AdminAccess;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.mechanism.BearerHeader;
import io.nfidentity.impl.session.RecentLogin;
import io.nfidentity.impl.web.RequestState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.UUID;

/**
 * Who may use the admin API: the bearer of a valid access token whose user holds the configured admin role <em>now,
 * in the database</em> (as GoTrue loads the admin user on every admin call: a demoted administrator's token, still
 * carrying the old role, grants nothing), or the configured operator token (compared in constant time). Cookies
 * alone are never enough ({@link Bearer}). Everyone else gets GoTrue's {@code 401 "User not allowed"}.
 */
@ApplicationScoped
public class AdminGate {
    private final IdentityConfig config;

    /** How recent a login the sensitive operations need when {@code nf.identity.reauthentication-window} is off. */
    static final Duration SENSITIVE_WINDOW = Duration.ofMinutes(15);

    private final AdminAccess access;

    private final RecentLogin recentLogin;

    @Inject
    public AdminGate(IdentityConfig config, AdminAccess access, RecentLogin recentLogin) {
        this.config = config;
        this.access = access;
        this.recentLogin = recentLogin;
    }

    /** For the container's client proxy only. */
    protected AdminGate() {
        this(null, null, null);
    }

    /**
     * {@link #require}, and for an administrator's token a login within {@code nf.identity.reauthentication-window}
     * (15 minutes when that is off): for what one stolen token must not be enough for (exporting every hash,
     * importing administrators, changing signing keys). The session's start is its login; a token naming no session
     * has none to show. The operator token is a configured secret of server-to-server calls, not a session: it passes.
     *
     * @throws io.nfidentity.IdentityException 401 {@code reauthentication_needed} when the login is older
     */
    void requireRecentLogin(HttpServletRequest req) {
        require(req);
        User caller = RequestState.user(req);
        if (caller == null || !BearerHeader.of(req).isBearer() || isOperator(req)) {
            return;
        }
        Duration window = config.tokens().reauthenticationWindow().isZero()
                ? SENSITIVE_WINDOW
                : config.tokens().reauthenticationWindow();
        recentLogin.require(RequestState.sessionId(req), window, Problem.RECENT_LOGIN_NEEDED);
    }

    private boolean isOperator(HttpServletRequest req) {
        BearerHeader.Parsed auth = BearerHeader.of(req);
        return auth.isBearer()
                && !config.accounts().operatorToken().isEmpty()
                && MessageDigest.isEqual(
                        auth.token().getBytes(StandardCharsets.UTF_8),
                        config.accounts().operatorToken().getBytes(StandardCharsets.UTF_8));
    }

    void require(HttpServletRequest req) {
        BearerHeader.Parsed auth = BearerHeader.of(req);
        if (auth.isBearer()) {
            // with a bearer header the mechanism authenticated from it alone, never from cookies
            User caller = RequestState.user(req);
            if (caller != null && isAdmin(caller.id())) {
                if (config.accounts()
                                .mfa()
                                .requiredForRoles()
                                .contains(config.accounts().adminRole())
                        && RequestState.aal(req) != io.nfidentity.AssuranceLevel.AAL2) {
                    // nf.identity.mfa.required-for-roles names the admin role: the admin API asks for level 2
                    throw new io.nfidentity.InsufficientAalException();
                }
                return;
            }
            if (isOperator(req)) {
                return;
            }
        }
        throw Problem.NOT_ADMIN.exception();
    }

    /** Whether the stored user is an administrator now ({@link AdminAccess#isAdmin}). */
    public boolean isAdmin(UUID userId) {
        return access.isAdmin(userId);
    }
}
