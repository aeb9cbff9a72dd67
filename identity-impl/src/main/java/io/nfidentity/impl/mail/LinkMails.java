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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
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

    /** The kind under which a sign-in mail's code is stored (its link is stored as {@link MailKind#MAGIC_LINK}). */
    static final String SIGN_IN_CODE = "magiclink_code";

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Stores a new sign-in link and a new six-digit code for the user (each replacing the user's earlier one), and
     * mails both once the transaction commits. The code is stored as the hash of the user's id and the code, so a code
     * finds only its own user's row, and the table holds no code.
     */
    public void sendSignIn(UserRow user, Instant now) {
        String token = OpaqueTokens.generate();
        String code = String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
        Instant expires = now.plus(ttl(MailKind.MAGIC_LINK));
        tokens.replace(OpaqueTokens.hash(token), user.id(), MailKind.MAGIC_LINK.key(), null, now, expires);
        tokens.replace(codeHash(user.id(), code), user.id(), SIGN_IN_CODE, null, now, expires);
        mails.signInAfterCommit(user.email(), token, code);
    }

    /**
     * Spends the user's sign-in code, and with it the link mailed alongside: {@code true} for the one caller that
     * spends a stored, unexpired code; {@code false} for a wrong, spent or expired one (which stays as it is).
     */
    public boolean spendSignInCode(UUID userId, String code, Instant now) {
        if (code == null || !code.matches("[0-9]{6}")) {
            return false;
        }
        String hash = codeHash(userId, code);
        Optional<OneTimeTokenStore.Mailed> found = tokens.find(hash)
                .filter(t -> t.kind().equals(SIGN_IN_CODE) && t.userId().equals(userId));
        if (found.isEmpty() || !found.get().expiresAt().isAfter(now) || !tokens.spend(hash)) {
            return false;
        }
        tokens.voidAll(userId, MailKind.MAGIC_LINK.key());
        return true;
    }

    /**
     * Spends a sign-in link, and with it the code mailed alongside: the link's user for the one caller that spends a
     * stored, unexpired link; empty otherwise.
     */
    public Optional<UUID> spendSignInLink(String token, Instant now) {
        Optional<OneTimeTokenStore.Mailed> found =
                find(token).filter(t -> t.kind().equals(MailKind.MAGIC_LINK.key()));
        if (found.isEmpty() || !found.get().expiresAt().isAfter(now) || !spend(token)) {
            return Optional.empty();
        }
        tokens.voidAll(found.get().userId(), SIGN_IN_CODE);
        return Optional.of(found.get().userId());
    }

    private static String codeHash(UUID userId, String code) {
        return OpaqueTokens.hash(userId + ":" + code);
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
            case MAGIC_LINK -> m.magicLink().ttl();
            case EXISTING_ACCOUNT,
                    EMAIL_IN_USE,
                    EMAIL_CHANGED,
                    PASSWORD_CHANGED,
                    IDENTITY_LINKED,
                    ACCOUNT_DELETED,
                    FACTOR_ADDED,
                    FACTOR_REMOVED,
                    RECOVERY_CODE_USED,
                    PASSKEY_ADDED -> Duration.ZERO;
        };
    }
}
