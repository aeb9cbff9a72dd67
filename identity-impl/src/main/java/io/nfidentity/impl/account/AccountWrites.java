package io.nfidentity.impl.account;

import io.nfidentity.AuditAction;
import io.nfidentity.EmailExistsException;
import io.nfidentity.UserChanges;
import io.nfidentity.UserNotFoundException;
import io.nfidentity.event.UserSignup;
import io.nfidentity.event.UserValidate;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.event.EventDispatcher;
import io.nfidentity.impl.lifecycle.UserCreation;
import io.nfidentity.impl.lifecycle.UserUpdate;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.mail.Notices;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.session.SessionWrites;
import io.nfidentity.impl.store.OneTimeTokenStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The transactional steps of the email flows. Each method is one transaction whose last step is the mail, so a
 * denial or a failure (mail server included) leaves no user, no token and no mail behind.
 */
@ApplicationScoped
public class AccountWrites {
    private final Clock clock;

    private final UserStore users;

    private final OneTimeTokenStore tokens;

    private final EventDispatcher events;

    private final SessionWrites sessions;

    private final UserUpdate updates;

    private final Notices notices;

    private final LinkMails links;

    private final AuditLog audit;

    private final UserCreation creation;

    @Inject
    public AccountWrites(
            @Internal Clock clock,
            UserStore users,
            OneTimeTokenStore tokens,
            EventDispatcher events,
            SessionWrites sessions,
            UserUpdate updates,
            Notices notices,
            LinkMails links,
            AuditLog audit,
            UserCreation creation) {
        this.clock = clock;
        this.users = users;
        this.tokens = tokens;
        this.events = events;
        this.sessions = sessions;
        this.updates = updates;
        this.notices = notices;
        this.links = links;
        this.audit = audit;
        this.creation = creation;
    }

    /** For the container's client proxy only. */
    protected AccountWrites() {
        this(null, null, null, null, null, null, null, null, null, null);
    }

    /** A new user who must confirm the address: fires {@link UserValidate}, stores, mails the confirmation link. */
    @Transactional
    public UserRow createUnconfirmed(UserRow user) {
        return createWithMail(user, MailKind.CONFIRMATION);
    }

    private UserRow createWithMail(UserRow user, MailKind kind) {
        return createWithMail(user, kind, Map.of());
    }

    /** Creates the user ({@link UserCreation}), then mails its link. */
    private UserRow createWithMail(UserRow user, MailKind kind, Map<String, Object> auditTraits) {
        UserRow row = creation.create(
                user,
                kind == MailKind.INVITE ? UserCreation.Kind.INVITATION : UserCreation.Kind.PENDING_SIGNUP,
                "email",
                auditTraits);
        links.send(row, kind, row.email(), null, clock.instant());
        return row;
    }

    /**
     * Whether the user is a self-service signup that nobody has confirmed yet (not an invitation, not a user an
     * administrator created): such a signup proves nothing about who owns the address.
     */
    public static boolean pendingSignup(UserRow user) {
        return user.confirmedAt() == null && user.invitedAt() == null && user.confirmationSentAt() != null;
    }

    /**
     * A signup for an address with a {@link #pendingSignup pending signup}: the new signup replaces the pending one
     * whole (a new id, its own password and metadata, {@link UserValidate} fired again) and its link voids every
     * earlier one, so an attacker's earlier signup decides nothing. If the passwords differ the signups are
     * <em>contested</em>: whoever confirms the address then gets a session but neither password (see {@link #verify}),
     * because the newest signup may be the attacker's too.
     *
     * <p>An address gets at most one confirmation mail per {@code nf.identity.mail.resend-interval}, whoever asks:
     * within it nothing is replaced or mailed, but a different password still marks the contest, and the answer looks
     * the same.
     */
    @Transactional
    public UserRow resignup(UserRow pending, UserRow replacement, boolean contested) {
        Instant now = clock.instant();
        UserRow current = users.findById(pending.id()).orElse(null);
        if (current == null || !pendingSignup(current)) {
            // confirmed or replaced since it was read: nothing to replace, and the answer stays the same
            return replacement.withConfirmationSent(now);
        }
        if (!links.mayMailUnproven(pending.email())) {
            // one confirmation mail per address per resend interval, whoever asks: re-signups are no mail bomb
            if (contested) {
                users.markContested(pending.id());
            }
            return replacement.withConfirmationSent(now);
        }
        boolean wasContested = users.takeContested(pending.id());
        users.delete(pending.id()); // its links go with it (ON DELETE CASCADE)
        UserRow row = createWithMail(
                replacement,
                MailKind.CONFIRMATION,
                Map.of("replaced_pending_signup", true, "contested", contested || wasContested));
        if (contested || wasContested) {
            users.markContested(row.id());
        }
        return row;
    }

    /** An invited user: fires {@link UserValidate}, stores it unconfirmed with {@code invited_at}, mails the invite. */
    @Transactional
    public UserRow invite(UserRow user) {
        return createWithMail(user, MailKind.INVITE);
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
        String hash = OpaqueTokens.hash(token);
        OneTimeTokenStore.Mailed taken = tokens.find(hash)
                .filter(t -> kinds.stream().anyMatch(k -> k.key().equals(t.kind())))
                .orElseThrow(UserNotFoundException::new);
        Instant now = clock.instant();
        if (taken.kind().equals(MailKind.INVITE.key()) && passwordHash == null) {
            throw Problem.INVITE_NEEDS_PASSWORD.exception();
        }
        if (!tokens.spend(hash)) {
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
            UserRow confirmed = user.confirmed(now);
            UserSignup event = events.fire(new UserSignup(confirmed.toUser()));
            user = confirmed.withMetadata(
                    event.user().appMetadata(), event.user().userMetadata(), now);
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
            String hash = OpaqueTokens.hash(emailChangeToken);
            OneTimeTokenStore.Mailed taken = tokens.find(hash)
                    .filter(t -> t.userId().equals(id) && t.kind().equals(MailKind.EMAIL_CHANGE.key()))
                    .orElseThrow(Problem.EMAIL_CHANGE_TOKEN_INVALID::exception);
            if (!tokens.spend(hash)) {
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
                tokens.voidAll(id, MailKind.EMAIL_CHANGE.key());
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

    /** Tells the owner of a registered address that someone tried to sign up with it (no token, nothing stored). */
    public void noticeExisting(UserRow owner) {
        notices.afterCommit(MailKind.EXISTING_ACCOUNT, owner.email(), owner.email(), null);
    }
}
