package io.nfidentity.impl.link;

import io.nfidentity.AuditAction;
import io.nfidentity.UserNotFoundException;
import io.nfidentity.event.UserSignup;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.lifecycle.UserCreation;
import io.nfidentity.impl.mail.LinkMails;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.session.SessionWrites;
import io.nfidentity.impl.store.OneTimeTokenStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The transactional steps of the mailed links: a recovery link sent, and a link (confirmation, invitation, recovery)
 * followed. Each method is one transaction, so a denial or a failure leaves the link unspent and nothing written.
 */
@ApplicationScoped
public class LinkWrites {
    private final Clock clock;

    private final UserStore users;

    private final LinkMails links;

    private final UserCreation creation;

    private final SessionWrites sessions;

    private final AuditLog audit;

    @Inject
    public LinkWrites(
            @Internal Clock clock,
            UserStore users,
            LinkMails links,
            UserCreation creation,
            SessionWrites sessions,
            AuditLog audit) {
        this.clock = clock;
        this.users = users;
        this.links = links;
        this.creation = creation;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** For the container's client proxy only. */
    protected LinkWrites() {
        this(null, null, null, null, null, null);
    }

    /**
     * Mails a recovery link. Unknown addresses do nothing, and neither does a registered one that was mailed within
     * the resend interval: the caller answers the same in all three cases, so the answer tells nobody which addresses
     * are registered.
     */
    @Transactional
    public void recover(String email) {
        UserRow user = users.findByEmail(email).orElse(null);
        Instant now = clock.instant();
        if (user == null || user.suspendedAt(now) || links.recentlySent(user.recoverySentAt(), now)) {
            return;
        }
        UserRow row = user.withRecoverySent(now);
        users.update(row);
        audit.self(AuditAction.USER_RECOVERY_REQUESTED, row.id(), row.email(), Map.of());
        links.send(row, MailKind.RECOVERY, row.email(), null, now);
    }

    /**
     * Spends a mailed token and logs its user in: a confirmation or invite confirms the address (firing
     * {@link UserSignup}), an invite also sets the password, a recovery logs in as is.
     *
     * @param kinds the token kinds this verification type accepts
     * @param passwordHash the invited user's new password, hashed; {@code null} for other kinds
     */
    @Transactional
    public Session verify(String token, Set<MailKind> kinds, String passwordHash) {
        OneTimeTokenStore.Mailed taken = links.find(token)
                .filter(t -> kinds.stream().anyMatch(k -> k.key().equals(t.kind())))
                .orElseThrow(UserNotFoundException::new);
        Instant now = clock.instant();
        if (taken.kind().equals(MailKind.INVITE.key()) && passwordHash == null) {
            throw Problem.INVITE_NEEDS_PASSWORD.exception();
        }
        if (!links.spend(token)) {
            throw new UserNotFoundException(); // spent meanwhile by a concurrent request: single use holds
        }
        if (!taken.expiresAt().isAfter(now)) {
            throw Problem.TOKEN_EXPIRED.exception();
        }
        UserRow user = users.findByIdForUpdate(taken.userId()).orElseThrow(UserNotFoundException::new);
        if (user.suspendedAt(now)) {
            throw new io.nfidentity.UserBannedException(); // rolls back: the link stays unspent
        }
        if (passwordHash != null && taken.kind().equals(MailKind.INVITE.key())) {
            user = user.withPassword(passwordHash, now);
        }
        boolean wasConfirmed = user.confirmedAt() != null;
        boolean contested = false;
        if (user.confirmedAt() == null) {
            contested = users.takeContested(user.id());
            if (contested || taken.kind().equals(MailKind.RECOVERY.key())) {
                // Whoever clicked owns the mailbox, but nothing proves the pending password and metadata were theirs
                // (another signup contested them, or a recovery link reached an unconfirmed account): drop both. The
                // owner is logged in by this very link and sets a password of their own.
                user = user.withPassword(null, now).withMetadata(user.appMetadata(), Map.of(), now);
            }
            user = creation.confirm(user, now);
        }
        users.update(user);
        if (user.encryptedPassword() != null
                && (taken.kind().equals(MailKind.INVITE.key())
                        || (taken.kind().equals(MailKind.CONFIRMATION.key()) && !wasConfirmed))) {
            // the mailbox's owner followed the link of the signup (or invitation) that chose this password
            users.setPasswordProven(user.id(), true);
        }
        if (taken.kind().equals(MailKind.INVITE.key())) {
            audit.self(AuditAction.INVITE_ACCEPTED, user.id(), user.email(), Map.of());
        } else if (!wasConfirmed) {
            audit.self(
                    AuditAction.USER_CONFIRMED,
                    user.id(),
                    user.email(),
                    Map.of(
                            "via",
                            taken.kind(),
                            "pending_password_dropped",
                            contested || taken.kind().equals(MailKind.RECOVERY.key())));
        } else {
            audit.self(AuditAction.LOGIN, user.id(), user.email(), Map.of("provider", "email", "via", taken.kind()));
        }
        return sessions.open(user, sessionMethod(taken.kind()));
    }

    /** How a session a mailed link opens is listed: after the link's kind. */
    private static String sessionMethod(String kind) {
        if (kind.equals(MailKind.INVITE.key())) {
            return "invite";
        }
        return kind.equals(MailKind.RECOVERY.key()) ? "recovery" : "confirmation";
    }
}
