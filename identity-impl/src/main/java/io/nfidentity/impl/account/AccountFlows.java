package io.nfidentity.impl.account;

import io.nfidentity.IdentityException;
import io.nfidentity.User;
import io.nfidentity.UserChanges;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.password.PasswordPolicy;
import io.nfidentity.impl.store.SessionStore;
import io.nfidentity.impl.user.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The user's own account ({@code PUT /user}: the profile, the password, the address): input checks, the recent-login
 * rule and password hashing here, outside any transaction; the transactional step in {@link AccountWrites}.
 */
@ApplicationScoped
public class AccountFlows {
    private final AccountWrites writes;

    private final PasswordPolicy policy;

    private final PasswordHasher hasher;

    private final IdentityConfig config;

    private final Clock clock;

    private final SessionStore sessionMethods;

    @Inject
    public AccountFlows(
            AccountWrites writes,
            PasswordPolicy policy,
            PasswordHasher hasher,
            IdentityConfig config,
            @Internal Clock clock,
            SessionStore sessionMethods) {
        this.sessionMethods = sessionMethods;
        this.writes = writes;
        this.policy = policy;
        this.hasher = hasher;
        this.config = config;
        this.clock = clock;
    }

    /** For the container's client proxy only. */
    protected AccountFlows() {
        this(null, null, null, null, null, null);
    }

    /**
     * {@code PUT /user}: the user's own changes. {@code app_metadata} is for administrators only.
     *
     * @param admin whether the caller holds the admin role
     * @param authenticatedAt when the caller's session was authenticated ({@code auth_time}), or {@code null}
     * @param sessionId the caller's session ({@code session_id}), whose start decides whether a new password is the
     *     mailbox owner's ({@link AccountWrites#updateSelf}); {@code null} when unknown
     * @throws IdentityException 401 {@code reauthentication_needed} when a password or email change needs a recent
     *     login ({@code nf.identity.reauthentication-window}) and the session's is older or unknown
     */
    public User updateSelf(
            UUID id,
            boolean admin,
            Instant authenticatedAt,
            String email,
            String password,
            Map<String, Object> data,
            Map<String, Object> appMetadata,
            String emailChangeToken,
            UUID sessionId) {
        if (appMetadata != null && !admin) {
            throw Problem.APP_METADATA_NEEDS_ADMIN.exception();
        }
        String newEmail = email == null || email.isBlank() ? null : EmailAddress.require(email);
        if (password != null || newEmail != null) {
            requireRecentLogin(authenticatedAt);
        }
        String hash = null;
        if (password != null) {
            policy.check(password);
            hash = hasher.hash(password);
        }
        UserChanges changes = UserChanges.none().userMetadata(data).appMetadata(appMetadata);
        String method = sessionId == null
                ? null
                : sessionMethods.sessionMethod(sessionId).orElse(null);
        return writes.updateSelf(id, changes, hash, newEmail, emailChangeToken, method)
                .toUser();
    }

    /**
     * ASVS 3.7.1, opt-in: the password and the email are changed only from a session authenticated within the window
     * (a password login, or a mailed link followed), so a stolen long-lived session cannot take the account over.
     */
    private void requireRecentLogin(Instant authenticatedAt) {
        Duration window = config.tokens().reauthenticationWindow();
        if (!window.isZero()
                && (authenticatedAt == null || authenticatedAt.plus(window).isBefore(clock.instant()))) {
            throw Problem.REAUTHENTICATION_NEEDED.exception();
        }
    }
}
