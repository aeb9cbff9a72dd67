package io.nfidentity.impl.session;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.store.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What a user does to their own account that a stolen or forgotten session must not be able to do (delete it, add a
 * way to sign in to it) needs a session that logged in within the last {@link #WINDOW} (or
 * {@code nf.identity.reauthentication-window}, when shorter). The session's start comes from the database, not from a
 * claim; a refresh is no login. The owner proves themselves again (the password, a provider, a mailed link), which
 * starts a new session, and acts from that one.
 */
@ApplicationScoped
public class RecentLogin {
    /** How recent the session's login must be. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final SessionStore sessions;

    private final IdentityConfig config;

    private final Clock clock;

    @Inject
    public RecentLogin(SessionStore sessions, IdentityConfig config, @Internal Clock clock) {
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    /** For the container's client proxy only. */
    protected RecentLogin() {
        this(null, null, null);
    }

    /**
     * @param sessionId the caller's session ({@code session_id}), or {@code null} when the token names none
     * @param refusal what to answer when the login is older than the window, or unknown
     */
    public void require(UUID sessionId, Problem refusal) {
        require(sessionId, window(config.tokens().reauthenticationWindow()), refusal);
    }

    /**
     * The same rule with another window: the admin API's sensitive operations take the configured re-authentication
     * window, or 15 minutes when that is off.
     */
    public void require(UUID sessionId, Duration window, Problem refusal) {
        Instant loggedIn =
                sessionId == null ? null : sessions.sessionStart(sessionId).orElse(null);
        if (!isRecent(loggedIn, window, clock.instant())) {
            throw refusal.exception();
        }
    }

    /** {@link #WINDOW}, or the configured re-authentication window when that is on and shorter. */
    static Duration window(Duration reauthenticationWindow) {
        return reauthenticationWindow.isZero() || reauthenticationWindow.compareTo(WINDOW) > 0
                ? WINDOW
                : reauthenticationWindow;
    }

    static boolean isRecent(Instant loggedIn, Duration window, Instant now) {
        return loggedIn != null && !loggedIn.plus(window).isBefore(now);
    }
}
