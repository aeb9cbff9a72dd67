package io.nfidentity.impl.account;

import io.nfidentity.AuditAction;
import io.nfidentity.EmailExistsException;
import io.nfidentity.UserChanges;
import io.nfidentity.UserNotFoundException;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.lifecycle.UserUpdate;
import io.nfidentity.impl.mail.LinkMails;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.mail.Notices;
import io.nfidentity.impl.store.OneTimeTokenStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional step of the user's own update ({@code PUT /user}): the profile and password through the same
 * step as an administrator's change, then the email change. One transaction whose last step is the mail, so a failure
 * leaves no change, no token and no mail behind.
 */
@ApplicationScoped
public class AccountWrites {
    private final Clock clock;

    private final UserStore users;

    private final UserUpdate updates;

    private final Notices notices;

    private final LinkMails links;

    private final AuditLog audit;

    @Inject
    public AccountWrites(
            @Internal Clock clock,
            UserStore users,
            UserUpdate updates,
            Notices notices,
            LinkMails links,
            AuditLog audit) {
        this.clock = clock;
        this.users = users;
        this.updates = updates;
        this.notices = notices;
        this.links = links;
        this.audit = audit;
    }

    /** For the container's client proxy only. */
    protected AccountWrites() {
        this(null, null, null, null, null, null);
    }

    /**
     * The user's own update ({@code PUT /user}): profile changes through the same step as an administrator's (so
     * {@code UserModified} fires once), then the email change: a new address gets a confirmation mail; a token
     * confirms the pending address. An address that another user holds gets the same answer as a free one (no
     * enumeration) and its owner a notice instead of a link.
     */
    @Transactional
    public UserRow updateSelf(
            UUID id,
            UserChanges changes,
            String passwordHash,
            String newEmail,
            String emailChangeToken,
            String sessionMethod) {
        boolean proven = passwordHash != null && provesMailbox(id, sessionMethod);
        updates.update(id, changes, null, passwordHash);
        if (proven) {
            users.setPasswordProven(id, true);
        }
        UserRow user = users.findById(id).orElseThrow(UserNotFoundException::new);
        Instant now = clock.instant();
        if (emailChangeToken != null) {
            OneTimeTokenStore.Mailed taken = links.find(emailChangeToken)
                    .filter(t -> t.userId().equals(id) && t.kind().equals(MailKind.EMAIL_CHANGE.key()))
                    .orElseThrow(Problem.EMAIL_CHANGE_TOKEN_INVALID::exception);
            if (!links.spend(emailChangeToken)) {
                // spent meanwhile by a concurrent request: the token works once
                throw Problem.EMAIL_CHANGE_TOKEN_INVALID.exception();
            }
            if (!taken.expiresAt().isAfter(now)) {
                throw Problem.EMAIL_CHANGE_TOKEN_EXPIRED.exception();
            }
            if (users.findByEmail(taken.newEmail())
                    .filter(u -> !u.id().equals(id))
                    .isPresent()) {
                throw new EmailExistsException();
            }
            String old = user.email();
            user = user.withEmail(taken.newEmail(), null, now);
            users.update(user);
            audit.self(AuditAction.EMAIL_CHANGED, id, user.email(), Map.of("from", old, "to", user.email()));
            notices.afterCommit(MailKind.EMAIL_CHANGED, old, old, user.email());
        }
        if (newEmail != null && !UserStore.emailKey(newEmail).equals(UserStore.emailKey(user.email()))) {
            // the resend interval depends on the caller's own state only: the same for a taken and a free address
            if (links.recentlySent(user.emailChangeSentAt(), now)) {
                throw links.tooSoon();
            }
            boolean taken = users.findByEmail(newEmail).isPresent();
            user = user.withEmail(user.email(), newEmail, now).withEmailChangeSent(now);
            users.update(user);
            audit.self(AuditAction.EMAIL_CHANGE_REQUESTED, id, user.email(), Map.of("to", newEmail));
            if (taken) {
                links.voidAll(id, MailKind.EMAIL_CHANGE);
                notices.afterCommit(MailKind.EMAIL_IN_USE, newEmail, newEmail, null);
            } else {
                links.send(user, MailKind.EMAIL_CHANGE, newEmail, newEmail, now);
            }
        }
        return user;
    }

    /**
     * Whether a password chosen in a session started by {@code method} is the mailbox owner's: a session opened by a
     * mailed link or a provider's verified address is; one opened by a password is when that password was; a signup's
     * first session (autoconfirmed) is not.
     */
    private boolean provesMailbox(UUID id, String method) {
        if (method == null || method.equals("signup")) {
            return false;
        }
        return !method.equals("password") || users.passwordProven(id);
    }
}
