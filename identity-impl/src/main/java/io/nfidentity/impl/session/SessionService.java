package io.nfidentity.impl.session;

import io.nfidentity.EmailNotConfirmedException;
import io.nfidentity.InvalidCredentialsException;
import io.nfidentity.SignupDisabledException;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.limit.Limits;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.password.PasswordPolicy;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.RefreshTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules of login, signup, refresh and logout: one implementation, used by the facade, the mechanism and (later)
 * the REST API alike.
 */
@ApplicationScoped
public class SessionService {
    @Inject
    IdentityConfig config;

    @Inject
    Clock clock;

    @Inject
    UserStore users;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordPolicy policy;

    @Inject
    SessionWrites writes;

    @Inject
    AccountWrites accounts;

    @Inject
    Limits limits;

    /**
     * Password login. Unknown email and wrong password fail identically, and an unknown email still costs one hash, so
     * neither the answer nor its timing tells whether an address is registered.
     */
    public Session login(String email, String password) {
        return login(email, password, null);
    }

    /**
     * Password login, limited per account and per client address: after a few failures each further one makes the
     * next attempt wait longer (429 with {@code Retry-After}), checked before any hashing so a waiting attacker costs
     * nothing. A success clears the account's failures.
     *
     * @param clientAddress the caller's address, or {@code null} when there is none (server code)
     */
    public Session login(String email, String password, String clientAddress) {
        // an implausible address names no account: only the client address is counted then
        String account = EmailAddress.plausible(email) ? Limits.account(email) : null;
        String address = clientAddress == null ? null : Limits.address("login", clientAddress);
        if (account != null) {
            limits.accounts().check(account);
        }
        if (address != null) {
            limits.addresses().check(address);
        }
        try {
            Session session = authenticate(email, password);
            if (account != null) {
                limits.accounts().succeeded(account);
            }
            return session;
        } catch (InvalidCredentialsException e) {
            if (account != null) {
                limits.accounts().failed(account);
            }
            if (address != null) {
                limits.addresses().failed(address);
            }
            throw e;
        }
    }

    /** Counts an attempt of a mail-sending or token-spending action from one address; refuses when over the limit. */
    public void attempt(String action, String clientAddress) {
        String key = Limits.address(action, clientAddress);
        limits.addresses().check(key);
        limits.addresses().failed(key);
    }

    private Session authenticate(String email, String password) {
        String pw = password == null ? "" : password;
        Optional<UserRow> found = EmailAddress.plausible(email) ? users.findByEmail(email) : Optional.empty();
        if (found.isEmpty()) {
            hasher.burn(pw);
            throw new InvalidCredentialsException();
        }
        UserRow user = found.get();
        if (!hasher.verify(pw, user.encryptedPassword())) {
            throw new InvalidCredentialsException();
        }
        if (user.confirmedAt() == null) {
            throw new EmailNotConfirmedException();
        }
        if (hasher.needsRehash(user.encryptedPassword())) {
            user = user.withPassword(hasher.hash(pw), clock.instant());
        }
        return writes.signIn(user);
    }

    /**
     * Creates a user with provider {@code email}. With autoconfirm on, the user is confirmed at once (firing
     * {@code UserValidate} then {@code UserSignup}) and, when asked, logged in. Otherwise the user gets a confirmation
     * mail; a signup for an address that is registered but unconfirmed merges the metadata and mails again (at most
     * once per resend interval).
     *
     * @param origin the request's origin, for mail links when no site URL is configured
     * @param openSession whether a confirmed user also gets a session (the facade: yes; the REST API: no, its clients
     *     log in with {@code /token})
     * @return the signup's user, and a session when the user is confirmed and one was asked for
     * @throws io.nfidentity.EmailExistsException when a confirmed user has the address
     */
    public SignupResult signup(
            String email, String password, Map<String, Object> data, String origin, boolean openSession) {
        if (config.disableSignup()) {
            throw new SignupDisabledException();
        }
        String address = EmailAddress.require(email);
        policy.check(password);
        Optional<UserRow> existing = users.findByEmail(address);
        if (existing.isPresent()) {
            if (existing.get().confirmedAt() != null) {
                if (config.autoconfirm()) {
                    // a new signup would be logged in at once: no answer can hide that this one is not
                    throw new io.nfidentity.EmailExistsException();
                }
                return new SignupResult(lookAlike(existing.get(), address, password, data, origin), null);
            }
            return new SignupResult(
                    accounts.resignup(existing.get().id(), data, origin).toUser(), null);
        }
        UserRow user = newUser(address, hasher.hash(password), data, config.autoconfirm(), List.of());
        if (!config.autoconfirm()) {
            return new SignupResult(accounts.createUnconfirmed(user, origin).toUser(), null);
        }
        Session session = writes.create(user, openSession);
        return new SignupResult(session.user(), openSession ? session : null);
    }

    /**
     * No enumeration: the answer for an address that already has a confirmed user looks like a new unconfirmed
     * signup (a fresh id, {@code confirmation_sent_at} now) after the same work (a hash, a mail), and the mail goes
     * to the owner as a notice instead of a confirmation. Nothing is stored. Notices are limited like logins, so
     * nobody can flood an owner's mailbox.
     */
    private io.nfidentity.User lookAlike(
            UserRow owner, String address, String password, Map<String, Object> data, String origin) {
        UserRow fake = newUser(address, hasher.hash(password), data, false, List.of());
        String key = "signup-notice:" + UserStore.emailKey(address);
        try {
            limits.accounts().check(key);
            limits.accounts().failed(key);
            accounts.noticeExisting(owner, origin);
        } catch (io.nfidentity.impl.limit.RateLimiter.TooManyRequestsException quiet) {
            // over the notice limit: the caller must not learn that either
        }
        java.time.Instant now = clock.instant();
        return fake.withSent(io.nfidentity.impl.mail.MailKind.CONFIRMATION, now).toUser();
    }

    /** A new, unsaved user row. */
    public UserRow newUser(
            String email, String passwordHash, Map<String, Object> data, boolean confirmed, List<String> roles) {
        Instant now = clock.instant();
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("provider", "email");
        if (!roles.isEmpty()) {
            app.put("roles", List.copyOf(roles));
        }
        Map<String, Object> meta = data == null ? new LinkedHashMap<>() : new LinkedHashMap<>(data);
        meta.values().removeIf(java.util.Objects::isNull);
        return new UserRow(
                UUID.randomUUID(),
                config.audience(),
                null,
                email,
                passwordHash,
                confirmed ? now : null,
                null,
                null,
                null,
                null,
                null,
                null,
                app,
                meta,
                now,
                now);
    }

    /**
     * @param needRefreshToken whether the caller must get a refresh token even when the presented one was rotated a
     *     moment ago by a concurrent request (API clients: yes; cookie sessions: no, the cookie is already set)
     * @throws InvalidGrantException when the token is not a live refresh token
     */
    public Session refresh(String refreshToken, boolean needRefreshToken) {
        if (!RefreshTokens.plausible(refreshToken)) {
            throw new InvalidGrantException("Invalid Refresh Token");
        }
        return writes.rotate(refreshToken, needRefreshToken);
    }

    /** Ends every session of the user: all its refresh tokens stop working. */
    public void logoutEverywhere(UUID userId) {
        writes.endAll(userId);
    }

    /** Ends the session of this refresh token, if it is one. Never fails for a bad token. */
    public void logout(String refreshToken) {
        if (RefreshTokens.plausible(refreshToken)) {
            writes.end(refreshToken);
        }
    }

    /**
     * @param user the user as created
     * @param session the first session, when the user was confirmed at once; otherwise {@code null}
     */
    public record SignupResult(io.nfidentity.User user, Session session) {}
}
