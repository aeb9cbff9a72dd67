package io.nfidentity.impl.account;

import io.nfidentity.IdentityException;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.limit.Limiters;
import io.nfidentity.impl.limit.RateLimiter;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.mail.Notices;
import io.nfidentity.impl.store.OneTimeTokenStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.token.OpaqueTokens;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * Mails that carry a link: a fresh token, stored by hash with its kind's lifetime (replacing the user's earlier link
 * of that kind), then the mail, once the caller's transaction commits. Also the resend interval that limits them.
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
    boolean mayMailUnproven(String email) {
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
    void send(UserRow user, MailKind kind, String to, String newEmail, Instant now) {
        String token = OpaqueTokens.generate();
        tokens.replace(OpaqueTokens.hash(token), user.id(), kind.key(), newEmail, now, now.plus(ttl(kind)));
        mails.linkAfterCommit(kind, to, user.email(), newEmail, token);
    }

    /** Whether a mail sent at {@code sentAt} is still within the resend interval. */
    boolean recentlySent(Instant sentAt, Instant now) {
        return sentAt != null && sentAt.plus(config.mail().resendInterval()).isAfter(now);
    }

    /** 429 {@code over_email_send_rate_limit}, naming the interval. */
    IdentityException tooSoon() {
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
            case EXISTING_ACCOUNT, EMAIL_IN_USE, EMAIL_CHANGED, PASSWORD_CHANGED, IDENTITY_LINKED -> Duration.ZERO;
        };
    }
}
