package io.nfidentity.impl.signup;

import io.nfidentity.event.UserSignup;
import io.nfidentity.event.UserValidate;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.lifecycle.UserCreation;
import io.nfidentity.impl.mail.LinkMails;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.session.SessionWrites;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The transactional steps of a signup and an invitation. Each method is one transaction whose last steps are the
 * session or the mail, so a denial or a failure (mail server included) leaves no user, no token and no mail behind.
 */
@ApplicationScoped
public class SignupWrites {
    private final Clock clock;

    private final UserStore users;

    private final UserCreation creation;

    private final SessionWrites sessions;

    private final LinkMails links;

    @Inject
    public SignupWrites(
            @Internal Clock clock, UserStore users, UserCreation creation, SessionWrites sessions, LinkMails links) {
        this.clock = clock;
        this.users = users;
        this.creation = creation;
        this.sessions = sessions;
        this.links = links;
    }

    /** For the container's client proxy only. */
    protected SignupWrites() {
        this(null, null, null, null, null);
    }

    /**
     * Stores a new user after {@link UserValidate} and, when it is confirmed at once, {@link UserSignup}; then opens
     * its first session, whose token carries what the observers set.
     *
     * @param openSession whether to open a session for a confirmed user
     * @return the user, with a session when it is confirmed and one was asked for (otherwise tokens are {@code null})
     */
    @Transactional
    public Session createConfirmed(UserRow user, boolean openSession) {
        UserRow row = creation.create(user, UserCreation.Kind.SIGNUP, "email");
        return openSession && row.confirmedAt() != null
                ? sessions.open(row, "signup")
                : new Session(row.toUser(), null, 0, null);
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
        return user.pendingSignup();
    }

    /**
     * A signup for an address with a {@link #pendingSignup pending signup}: the new signup replaces the pending one
     * whole (a new id, its own password and metadata, {@link UserValidate} fired again) and its link voids every
     * earlier one, so an attacker's earlier signup decides nothing. If the passwords differ the signups are
     * <em>contested</em>: whoever confirms the address then gets a session but neither password (see {@link io.nfidentity.impl.link.LinkWrites#verify}),
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
}
