package io.nfidentity.impl.admin;

import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.session.RecentLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * A user deletes their own account ({@code DELETE /user}, {@code Identity.deleteAccount()}), only from a session that
 * logged in minutes ago ({@link RecentLogin}): a token stolen from a session of yesterday, or a refresh token kept for
 * weeks, cannot erase the account. Everything else is the administrators' deletion: every session ends on every node,
 * {@code UserDeleted} fires, the audit entry is written; then a notice is mailed.
 */
@ApplicationScoped
public class AccountDeletion {
    private final AdminWrites writes;

    private final RecentLogin recent;

    @Inject
    public AccountDeletion(AdminWrites writes, RecentLogin recent) {
        this.writes = writes;
        this.recent = recent;
    }

    /** For the container's client proxy only. */
    protected AccountDeletion() {
        this(null, null);
    }

    /**
     * @param userId the caller, from a verified token
     * @param sessionId the caller's session ({@code session_id}), or {@code null} when the token names none
     * @throws io.nfidentity.IdentityException 401 {@code reauthentication_needed} when the session's login is older
     *     than the window, or unknown
     * @throws io.nfidentity.UserNotFoundException when the user is already gone
     */
    public void deleteOwnAccount(UUID userId, UUID sessionId) {
        recent.require(sessionId, Problem.DELETION_NEEDS_RECENT_LOGIN);
        writes.deleteOwnAccount(userId);
    }
}
