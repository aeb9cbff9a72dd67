package io.nfidentity.impl.otp;

import io.nfidentity.UserBannedException;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.lifecycle.NewUsers;
import io.nfidentity.impl.lifecycle.UserCreation;
import io.nfidentity.impl.mail.LinkMails;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.session.SessionWrites;
import io.nfidentity.impl.signin.MailboxProof;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional steps of a sign-in by mail. A code or link is spent in the transaction that signs in, so a
 * denial ({@code UserLogin}, {@code UserSignup}), a suspension or a failure leaves it unspent and nothing written.
 */
@ApplicationScoped
public class EmailSignInWrites {
    /** How the session list and the tokens' {@code amr} name a sign-in by a mailed code, and by a mailed link. */
    static final String CODE = "otp";

    static final String LINK = "magiclink";

    private final Clock clock;
    private final UserStore users;
    private final NewUsers newUsers;
    private final UserCreation creation;
    private final LinkMails links;
    private final SessionWrites sessions;
    private final MailboxProof mailbox;

    @Inject
    public EmailSignInWrites(
            @Internal Clock clock,
            UserStore users,
            NewUsers newUsers,
            UserCreation creation,
            LinkMails links,
            SessionWrites sessions,
            MailboxProof mailbox) {
        this.clock = clock;
        this.users = users;
        this.newUsers = newUsers;
        this.creation = creation;
        this.links = links;
        this.sessions = sessions;
        this.mailbox = mailbox;
    }

    /** For the container's client proxy only. */
    protected EmailSignInWrites() {
        this(null, null, null, null, null, null, null);
    }

    /**
     * Mails a sign-in code and link to the address's user; with {@code create}, a new address first gets an
     * unconfirmed user without a password ({@code UserValidate} fired, as a signup), confirmed when a code or link is
     * used. A request with metadata for a pending signup nobody confirmed marks it contested, so a squatter's metadata
     * is dropped when the owner signs in ({@link MailboxProof}).
     */
    @Transactional
    public void request(String address, boolean create, Map<String, Object> data) {
        Instant now = clock.instant();
        Optional<UserRow> found = users.findByEmail(address);
        UserRow user;
        if (found.isPresent()) {
            user = found.get();
            if (user.suspendedAt(now)) {
                return;
            }
            if (data != null && !data.isEmpty() && user.pendingSignup()) {
                users.markContested(user.id());
            }
        } else if (create) {
            UserRow row = newUsers.row(address, null, data == null ? Map.of() : data, false, List.of());
            user = creation.create(row, UserCreation.Kind.PENDING_SIGNUP, "email", Map.of("via", "otp"));
        } else {
            return;
        }
        links.sendSignIn(user, now);
    }

    /** @throws io.nfidentity.IdentityException 403 {@code otp_expired} for anything but the address's live code */
    @Transactional
    public Session verifyCode(String address, String code) {
        Instant now = clock.instant();
        UserRow user = users.findByEmail(address).orElseThrow(Problem.OTP_INVALID::exception);
        if (!links.spendSignInCode(user.id(), code, now)) {
            throw Problem.OTP_INVALID.exception();
        }
        return signIn(user.id(), CODE, now);
    }

    /** @throws io.nfidentity.IdentityException 403 {@code otp_expired} for anything but a live link's token */
    @Transactional
    public Session verifyLink(String token) {
        Instant now = clock.instant();
        UUID userId = links.spendSignInLink(token, now).orElseThrow(Problem.OTP_INVALID::exception);
        return signIn(userId, LINK, now);
    }

    /**
     * The mailbox is proven: an unconfirmed user is confirmed, credentials that never proved it are dropped
     * ({@link MailboxProof}), then the user signs in ({@code UserLogin}).
     */
    private Session signIn(UUID userId, String method, Instant now) {
        sessions.lockSessionsOf(userId); // sessions before the user's row, as everywhere (a takeover ends them)
        UserRow user = users.findByIdForUpdate(userId).orElseThrow(Problem.OTP_INVALID::exception);
        if (user.suspendedAt(now)) {
            throw new UserBannedException(); // rolls back: the code stays unspent
        }
        UserRow proven = mailbox.prove(user, user.appMetadata(), now).user();
        return sessions.signIn(proven, method);
    }
}
