package io.nfidentity.impl.session;

import io.nfidentity.EmailExistsException;
import io.nfidentity.IdentityException;
import io.nfidentity.UserChanges;
import io.nfidentity.UserNotFoundException;
import io.nfidentity.event.UserSignup;
import io.nfidentity.event.UserValidate;
import io.nfidentity.impl.admin.AdminWrites;
import io.nfidentity.impl.admin.Metadata;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.event.EventDispatcher;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.mail.Mailer;
import io.nfidentity.impl.store.OneTimeTokenStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.RefreshTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
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
    @Inject
    IdentityConfig config;

    @Inject
    Clock clock;

    @Inject
    UserStore users;

    @Inject
    OneTimeTokenStore tokens;

    @Inject
    EventDispatcher events;

    @Inject
    Mailer mailer;

    @Inject
    SessionWrites sessions;

    @Inject
    AdminWrites admin;

    /** A new user who must confirm the address: fires {@link UserValidate}, stores, mails the confirmation link. */
    @Transactional
    public UserRow createUnconfirmed(UserRow user, String origin) {
        return createWithMail(user, MailKind.CONFIRMATION, origin);
    }

    private UserRow createWithMail(UserRow user, MailKind kind, String origin) {
        if (users.findByEmail(user.email()).isPresent()) {
            throw new EmailExistsException();
        }
        Instant now = clock.instant();
        UserValidate event = events.fire(new UserValidate(user.toUser()));
        UserRow row = user.withMetadata(event.user().appMetadata(), event.user().userMetadata(), now)
                .withSent(kind, now);
        users.insert(row);
        mail(row, kind, row.email(), null, now, origin);
        return row;
    }

    /**
     * A signup for an address that is registered but not confirmed: the metadata merges in, and the confirmation mail
     * goes out again unless one went out within the resend interval.
     */
    @Transactional
    public UserRow resignup(UUID id, Map<String, Object> data, String origin) {
        UserRow old = users.findById(id).orElseThrow(UserNotFoundException::new);
        Instant now = clock.instant();
        UserRow row = old.withMetadata(old.appMetadata(), Metadata.merge(old.userMetadata(), data), now);
        if (!recentlySent(old.confirmationSentAt(), now)) {
            row = row.withSent(MailKind.CONFIRMATION, now);
            users.update(row);
            mail(row, MailKind.CONFIRMATION, row.email(), null, now, origin);
        } else {
            users.update(row);
        }
        return row;
    }

    /** An invited user: fires {@link UserValidate}, stores it unconfirmed with {@code invited_at}, mails the invite. */
    @Transactional
    public UserRow invite(UserRow user, String origin) {
        return createWithMail(user, MailKind.INVITE, origin);
    }

    /**
     * Mails a recovery link. Unknown addresses do nothing (the caller answers the same either way).
     *
     * @throws IdentityException 429 when a recovery mail went out within the resend interval
     */
    @Transactional
    public void recover(String email, String origin) {
        UserRow user = users.findByEmail(email).orElse(null);
        if (user == null) {
            return;
        }
        Instant now = clock.instant();
        if (recentlySent(user.recoverySentAt(), now)) {
            throw tooSoon();
        }
        UserRow row = user.withSent(MailKind.RECOVERY, now);
        users.update(row);
        mail(row, MailKind.RECOVERY, row.email(), null, now, origin);
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
        String hash = RefreshTokens.hash(token);
        OneTimeTokenStore.Taken taken = tokens.find(hash)
                .filter(t -> kinds.stream().anyMatch(k -> k.key().equals(t.kind())))
                .orElseThrow(() -> new IdentityException(404, "user_not_found", "User not found"));
        Instant now = clock.instant();
        if (taken.kind().equals(MailKind.INVITE.key()) && passwordHash == null) {
            throw new IdentityException(422, "validation_failed", "Invited users must specify a password");
        }
        if (!tokens.spend(hash)) {
            throw new IdentityException(404, "user_not_found", "User not found");
        }
        if (!taken.expiresAt().isAfter(now)) {
            throw new IdentityException(422, "token_expired", "Token has expired or is invalid");
        }
        UserRow user = users.findById(taken.userId()).orElseThrow(UserNotFoundException::new);
        if (passwordHash != null && taken.kind().equals(MailKind.INVITE.key())) {
            user = user.withPassword(passwordHash, now);
        }
        if (user.confirmedAt() == null) {
            UserRow confirmed = user.confirmed(now);
            UserSignup event = events.fire(new UserSignup(confirmed.toUser()));
            user = confirmed.withMetadata(
                    event.user().appMetadata(), event.user().userMetadata(), now);
        }
        users.update(user);
        return sessions.open(user);
    }

    /**
     * The user's own update ({@code PUT /user}): profile changes through the same step as an administrator's (so
     * {@code UserModified} fires once), then the email change: a new address gets a confirmation mail; a token
     * confirms the pending address.
     */
    @Transactional
    public UserRow updateSelf(
            UUID id,
            UserChanges changes,
            String passwordHash,
            String newEmail,
            String emailChangeToken,
            String origin) {
        admin.update(id, changes, null, passwordHash);
        UserRow user = users.findById(id).orElseThrow(UserNotFoundException::new);
        Instant now = clock.instant();
        if (emailChangeToken != null) {
            String hash = RefreshTokens.hash(emailChangeToken);
            OneTimeTokenStore.Taken taken = tokens.find(hash)
                    .filter(t -> t.userId().equals(id) && t.kind().equals(MailKind.EMAIL_CHANGE.key()))
                    .orElseThrow(() -> new IdentityException(401, "invalid_token", "Email Change Token invalid"));
            tokens.spend(hash);
            if (!taken.expiresAt().isAfter(now)) {
                throw new IdentityException(422, "token_expired", "Email change token expired");
            }
            if (users.findByEmail(taken.newEmail())
                    .filter(u -> !u.id().equals(id))
                    .isPresent()) {
                throw new EmailExistsException();
            }
            user = user.withEmail(taken.newEmail(), null, now);
            users.update(user);
        }
        if (newEmail != null && !UserStore.emailKey(newEmail).equals(UserStore.emailKey(user.email()))) {
            if (users.findByEmail(newEmail).isPresent()) {
                throw new EmailExistsException();
            }
            if (recentlySent(user.emailChangeSentAt(), now)) {
                throw tooSoon();
            }
            user = user.withEmail(user.email(), newEmail, now).withSent(MailKind.EMAIL_CHANGE, now);
            users.update(user);
            mail(user, MailKind.EMAIL_CHANGE, newEmail, newEmail, now, origin);
        }
        return user;
    }

    private void mail(UserRow user, MailKind kind, String to, String newEmail, Instant now, String origin) {
        String token = RefreshTokens.generate();
        tokens.replace(RefreshTokens.hash(token), user.id(), kind.key(), newEmail, now, now.plus(ttl(kind)));
        mailer.send(kind, to, user.email(), newEmail, token, origin);
    }

    /** Tells the owner of a confirmed address that someone tried to sign up with it (no token, nothing stored). */
    public void noticeExisting(UserRow owner, String origin) {
        mailer.send(MailKind.EXISTING_ACCOUNT, owner.email(), owner.email(), null, null, origin);
    }

    private Duration ttl(MailKind kind) {
        IdentityConfig.Mail m = config.mail();
        return switch (kind) {
            case CONFIRMATION -> m.confirmationTtl();
            case INVITE -> m.inviteTtl();
            case RECOVERY -> m.recoveryTtl();
            case EMAIL_CHANGE -> m.emailChangeTtl();
            case EXISTING_ACCOUNT -> Duration.ZERO;
        };
    }

    private boolean recentlySent(Instant sentAt, Instant now) {
        return sentAt != null && sentAt.plus(config.mail().resendInterval()).isAfter(now);
    }

    private IdentityException tooSoon() {
        long minutes = Math.max(1, config.mail().resendInterval().toMinutes());
        return new IdentityException(
                429,
                "over_email_send_rate_limit",
                "For security purposes, you can only request this once every " + minutes + " minutes");
    }
}
