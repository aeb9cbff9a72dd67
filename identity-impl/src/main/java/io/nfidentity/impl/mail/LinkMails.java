package io.nfidentity.impl.mail;

import io.nfidentity.IdentityException;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.limit.Limiters;
import io.nfidentity.impl.limit.RateLimiter;
import io.nfidentity.impl.store.OneTimeTokenStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.OpaqueTokens;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Mails that carry a link: a fresh token, stored by hash with its kind's lifetime (replacing the user's earlier link
 * of that kind), then the mail, once the caller's transaction commits; the link's token found and spent when it comes
 * back. Also the resend interval and the limits that keep these mails from being a mail bomb.
 */
@Dependent // stateless; a normal scope would need a proxy, and so a no-argument constructor
public class LinkMails {
    private final IdentityConfig config;
    private final OneTimeTokenStore tokens;
    private final Notices mails;
    private final Limiters limits;

    @Inject
    public LinkMails(IdentityConfig config, OneTimeTokenStore tokens, Notices mails, Limiters limits) {
        this.config = config;
        this.tokens = tokens;
        this.mails = mails;
        this.limits = limits;
    }

    /**
     * Whether one more mail may go to an address nobody has proven to own: one per resend interval, whoever asks
     * (counted now, when it may).
     */
    public boolean mayMailUnproven(String email) {
        if (limits.mails() == null) {
            return true;
        }
        try {
            limits.mails().reserve(Limiters.unprovenMail(email));
            return true;
        } catch (RateLimiter.TooManyRequestsException over) {
            return false;
        }
    }

    /**
     * Stores a new token of the kind for the user, and mails its link to {@code to} once the transaction commits,
     * off the request thread ({@link Notices}): the answer neither waits for the mail server nor tells by its status
     * or its time whether a mail went out.
     */
    public void send(UserRow user, MailKind kind, String to, String newEmail, Instant now) {
        String token = OpaqueTokens.generate();
        tokens.replace(OpaqueTokens.hash(token), user.id(), kind.key(), newEmail, now, now.plus(ttl(kind)));
        mails.linkAfterCommit(kind, to, user.email(), newEmail, token);
    }

    /** The stored link of this token, spent or not; {@code null} and implausible tokens find nothing. */
    public Optional<OneTimeTokenStore.Mailed> find(String token) {
        return token == null ? Optional.empty() : tokens.find(OpaqueTokens.hash(token));
    }

    /**
     * Spends the link of this token: {@code true} for the one caller that spends it, {@code false} for every other
     * (spent before, or by a concurrent request meanwhile), so a link works once.
     */
    public boolean spend(String token) {
        return tokens.spend(OpaqueTokens.hash(token));
    }

    /** Voids every unspent link of the kind the user was sent (a takeover ends what the old credentials started). */
    public void voidAll(UUID userId, MailKind kind) {
        tokens.voidAll(userId, kind.key());
    }

    /**
     * Tells the owner of a registered address that someone tried to sign up with it (no token, nothing stored).
     * Notices are limited like logins, so nobody can flood an owner's mailbox; over the limit nothing is sent, and
     * the caller is not told either, so its answer stays the same.
     */
    public void noticeExisting(UserRow owner) {
        try {
            limits.accounts().reserve("signup-notice:" + UserStore.emailKey(owner.email()));
        } catch (RateLimiter.TooManyRequestsException quiet) {
            return;
        }
        mails.afterCommit(MailKind.EXISTING_ACCOUNT, owner.email(), owner.email(), null);
    }

    /** Whether a mail sent at {@code sentAt} is still within the resend interval. */
    public boolean recentlySent(Instant sentAt, Instant now) {
        return sentAt != null && sentAt.plus(config.mail().resendInterval()).isAfter(now);
    }

    /** 429 {@code over_email_send_rate_limit}, naming the interval. */
    public IdentityException tooSoon() {
        long minutes = Math.max(1, config.mail().resendInterval().toMinutes());
        return Problem.OVER_EMAIL_SEND_RATE_LIMIT.exception(
                Problem.OVER_EMAIL_SEND_RATE_LIMIT.message() + " every " + minutes + " minutes");
    }

    private Duration ttl(MailKind kind) {
        IdentityConfig.Mail m = config.mail();
        return switch (kind) {
            case CONFIRMATION -> m.confirmationTtl();
            case INVITE -> m.inviteTtl();
            case RECOVERY -> m.recoveryTtl();
            case EMAIL_CHANGE -> m.emailChangeTtl();
            case EXISTING_ACCOUNT,
                    EMAIL_IN_USE,
                    EMAIL_CHANGED,
                    PASSWORD_CHANGED,
                    IDENTITY_LINKED,
                    ACCOUNT_DELETED,
                    FACTOR_ADDED,
                    FACTOR_REMOVED,
                    RECOVERY_CODE_USED -> Duration.ZERO;
        };
    }
}
