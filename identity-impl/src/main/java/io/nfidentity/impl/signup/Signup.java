package io.nfidentity.impl.signup;

import io.nfidentity.SignupDisabledException;
import io.nfidentity.User;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.lifecycle.NewUsers;
import io.nfidentity.impl.mail.LinkMails;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.password.PasswordPolicy;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.user.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signup with an email and a password (the facade's {@code signup} and GoTrue's {@code POST /signup}), and an
 * administrator's invitation. A user confirmed at once is logged in; one who is not gets a link. Input checks and
 * password hashing happen here, outside any transaction; the transactional steps are {@link SignupWrites}.
 */
@ApplicationScoped
public class Signup {
    private final IdentityConfig config;

    private final Clock clock;

    private final UserStore users;

    private final PasswordHasher hasher;

    private final PasswordPolicy policy;

    private final SignupWrites writes;

    private final LinkMails links;

    private final NewUsers newUsers;

    @Inject
    public Signup(
            IdentityConfig config,
            @Internal Clock clock,
            UserStore users,
            PasswordHasher hasher,
            PasswordPolicy policy,
            SignupWrites writes,
            LinkMails links,
            NewUsers newUsers) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.writes = writes;
        this.links = links;
        this.newUsers = newUsers;
    }

    /** For the container's client proxy only. */
    protected Signup() {
        this(null, null, null, null, null, null, null, null);
    }

    /**
     * Creates a user with provider {@code email}. With autoconfirm on, the user is confirmed at once (firing
     * {@code UserValidate} then {@code UserSignup}) and, when asked, logged in. Otherwise the user gets a confirmation
     * mail.
     *
     * <p>Without autoconfirm, a signup for an address someone signed up with but never confirmed <em>replaces</em>
     * that pending signup ({@link SignupWrites#resignup}): nobody has proven to own the mailbox yet, so an earlier
     * signup (perhaps an attacker's, made to pre-hijack the account) must not decide the password. A signup for any
     * other registered address answers like a new one and mails the owner a notice instead ({@link #lookAlike}).
     *
     * @param openSession whether a confirmed user also gets a session (the facade: yes; the REST API: no, its clients
     *     log in with {@code /token})
     * @return the signup's user, and a session when the user is confirmed and one was asked for
     * @throws io.nfidentity.EmailExistsException with autoconfirm on, when a user has the address
     */
    public Result signup(String email, String password, Map<String, Object> data, boolean openSession) {
        if (config.accounts().disableSignup()) {
            throw new SignupDisabledException();
        }
        String address = EmailAddress.require(email);
        policy.check(password);
        Optional<UserRow> existing = users.findByEmail(address);
        if (existing.isPresent()) {
            UserRow found = existing.get();
            if (config.accounts().autoconfirm()) {
                // a new signup would be logged in at once: no answer can hide that this one is not
                throw new io.nfidentity.EmailExistsException();
            }
            if (!SignupWrites.pendingSignup(found)) {
                return new Result(lookAlike(found, address, password, data), null);
            }
            String hash = hasher.hash(password);
            boolean contested = !hasher.verify(password, found.encryptedPassword());
            UserRow replacement = newUsers.row(address, hash, data, false, List.of());
            return new Result(writes.resignup(found, replacement, contested).toUser(), null);
        }
        UserRow user = newUsers.row(
                address, hasher.hash(password), data, config.accounts().autoconfirm(), List.of());
        if (!config.accounts().autoconfirm()) {
            return new Result(writes.createUnconfirmed(user).toUser(), null);
        }
        Session session = writes.createConfirmed(user, openSession);
        return new Result(session.user(), openSession ? session : null);
    }

    /**
     * No enumeration: the answer for an address that already has a user looks like a new unconfirmed signup (a fresh
     * id, {@code confirmation_sent_at} now) after the same work (a hash, a mail), and the mail goes to the owner as a
     * notice instead of a confirmation ({@link LinkMails#noticeExisting}). Nothing is stored.
     */
    private User lookAlike(UserRow owner, String address, String password, Map<String, Object> data) {
        UserRow fake = newUsers.row(address, hasher.hash(password), data, false, List.of());
        links.noticeExisting(owner); // limited per address; over the limit quietly nothing, and the answer the same
        return fake.withConfirmationSent(clock.instant()).toUser();
    }

    /**
     * An administrator's invitation: a user stored unconfirmed with {@code invited_at}, after {@code UserValidate},
     * and mailed a link with which its owner sets a password (or signs in through a provider).
     *
     * @throws io.nfidentity.EmailExistsException when a user has the address
     */
    public User invite(String email, Map<String, Object> data) {
        String address = EmailAddress.require(email);
        return writes.invite(newUsers.row(address, null, data, false, List.of()))
                .toUser();
    }

    /**
     * @param user the user as created
     * @param session the first session, when the user was confirmed at once; otherwise {@code null}
     */
    public record Result(User user, Session session) {}
}
