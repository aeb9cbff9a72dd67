package io.nfidentity.impl.account;

import io.nfidentity.impl.admin.AdminWrites;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.store.RefreshTokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A user deletes their own account ({@code DELETE /user}, {@code Identity.deleteAccount()}). Only from a session that
 * logged in within the last {@link #WINDOW} (or {@code nf.identity.reauthentication-window}, when shorter): a token
 * stolen from a session of yesterday, or a refresh token kept for weeks, cannot erase the account; the owner proves
 * themselves again (the password, a provider, a mailed link), which starts a new session, and deletes from that one.
 * The session's start comes from the database, not from a claim. Everything else is the administrators' deletion:
 * every session ends on every node, {@code UserDeleted} fires, the audit entry is written; then a notice is mailed.
 */
@ApplicationScoped
public class AccountDeletion {
    /** How recent the session's login must be. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final AdminWrites writes;

    private final RefreshTokenStore sessions;

    private final IdentityConfig config;

    private final Clock clock;

    @Inject
    public AccountDeletion(
            AdminWrites writes, RefreshTokenStore sessions, IdentityConfig config, @Internal Clock clock) {
        this.writes = writes;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    /** For the container's client proxy only. */
    protected AccountDeletion() {
        this(null, null, null, null);
    }

    /**
     * @param userId the caller, from a verified token
     * @param sessionId the caller's session ({@code session_id}), or {@code null} when the token names none
     * @throws io.nfidentity.IdentityException 401 {@code reauthentication_needed} when the session's login is older
     *     than the window, or unknown
     * @throws io.nfidentity.UserNotFoundException when the user is already gone
     */
    public void deleteOwnAccount(UUID userId, UUID sessionId) {
        Instant loggedIn =
                sessionId == null ? null : sessions.sessionStart(sessionId).orElse(null);
        if (!isRecent(loggedIn, window(config.tokens().reauthenticationWindow()), clock.instant())) {
            throw Problem.DELETION_NEEDS_RECENT_LOGIN.exception();
        }
        writes.deleteOwnAccount(userId);
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
