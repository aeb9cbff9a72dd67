package io.nfidentity.impl.account;

import io.nfidentity.IdentityException;
import io.nfidentity.User;
import io.nfidentity.UserChanges;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.password.PasswordPolicy;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.store.RefreshTokenStore;
import io.nfidentity.impl.user.EmailAddress;
import io.nfidentity.impl.user.NewUsers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The email flows (verify, recover, invite, the user's own update): input checks and password hashing here, outside
 * any transaction; the transactional steps in {@link AccountWrites}.
 */
@ApplicationScoped
public class AccountFlows {
    private final AccountWrites writes;

    private final NewUsers newUsers;

    private final PasswordPolicy policy;

    private final PasswordHasher hasher;

    private final IdentityConfig config;

    private final Clock clock;

    private final RefreshTokenStore sessionMethods;

    @Inject
    public AccountFlows(
            AccountWrites writes,
            NewUsers newUsers,
            PasswordPolicy policy,
            PasswordHasher hasher,
            IdentityConfig config,
            @Internal Clock clock,
            RefreshTokenStore sessionMethods) {
        this.sessionMethods = sessionMethods;
        this.writes = writes;
        this.newUsers = newUsers;
        this.policy = policy;
        this.hasher = hasher;
        this.config = config;
        this.clock = clock;
    }

    /** For the container's client proxy only. */
    protected AccountFlows() {
        this(null, null, null, null, null, null, null);
    }

    /** Spends a mailed token and logs its user in; an invite's password is checked before the token is spent. */
    public Session verify(String token, Set<MailKind> kinds, String password) {
        String hash = null;
        if (password != null && !password.isEmpty()) {
            policy.check(password);
            hash = hasher.hash(password);
        }
        return writes.verify(token, kinds, hash);
    }

    /** Mails a recovery link if the address is registered; says nothing either way. */
    public void recover(String email) {
        if (EmailAddress.plausible(email)) {
            writes.recover(email.trim());
        }
    }

    public User invite(String email, Map<String, Object> data) {
        String address = EmailAddress.require(email);
        return writes.invite(newUsers.row(address, null, data, false, List.of()))
                .toUser();
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
