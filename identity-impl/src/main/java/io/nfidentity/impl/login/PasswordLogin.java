package io.nfidentity.impl.login;

import io.nfidentity.EmailNotConfirmedException;
import io.nfidentity.InvalidCredentialsException;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.limit.DeviceCookies;
import io.nfidentity.impl.limit.Limiters;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.session.SessionWrites;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.user.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Password login: one implementation, used by the facade, the identity store (so {@code SecurityContext.authenticate})
 * and {@code grant_type=password} alike. The password is checked outside any transaction (no connection is held while
 * Argon2 runs); the session is opened by {@link SessionWrites#signInWithPassword}, which checks under the row's lock
 * that the password did not change meanwhile.
 */
@ApplicationScoped
public class PasswordLogin {
    private final Clock clock;

    private final UserStore users;

    private final PasswordHasher hasher;

    private final SessionWrites writes;

    private final Limiters limits;

    private final DeviceCookies devices;

    private final AuditLog audit;

    @Inject
    public PasswordLogin(
            @Internal Clock clock,
            UserStore users,
            PasswordHasher hasher,
            SessionWrites writes,
            Limiters limits,
            DeviceCookies devices,
            AuditLog audit) {
        this.clock = clock;
        this.users = users;
        this.hasher = hasher;
        this.writes = writes;
        this.limits = limits;
        this.devices = devices;
        this.audit = audit;
    }

    /** For the container's client proxy only. */
    protected PasswordLogin() {
        this(null, null, null, null, null, null, null);
    }

    /** Who is logging in: the client's address and its {@code nf_device} cookie, either possibly {@code null}. */
    public record Client(String address, String deviceCookie) {
        /** Server code with no HTTP client: no address, no device. */
        public static final Client NONE = new Client(null, null);
    }

    /**
     * Password login. Unknown email and wrong password fail identically, and an unknown email still costs one hash, so
     * neither the answer nor its timing tells whether an address is registered.
     */
    public Session login(String email, String password) {
        return login(email, password, Client.NONE);
    }

    /**
     * Password login, limited per account and per client address: after a few failures each further one makes the
     * next attempt wait longer (429 with {@code Retry-After}). Each attempt is reserved atomically before any hashing,
     * so a burst gets no further than a patient guesser, and a waiting attacker costs nothing. A browser holding a
     * valid {@link DeviceCookies device cookie} for the account is limited on its own counter instead of the
     * account-wide one, so a guesser cannot lock the owner out. A success clears the counter it used.
     */
    public Session login(String email, String password, Client client) {
        // an implausible address names no account: only the client address is counted then
        String account = null;
        if (EmailAddress.plausible(email)) {
            account = devices.deviceFor(client.deviceCookie(), email)
                    .map(Limiters::device)
                    .orElse(Limiters.account(email));
        }
        String address = client.address() == null ? null : Limiters.address("login", client.address());
        if (account != null) {
            limits.accounts().reserve(account);
        }
        if (address != null) {
            limits.addresses().reserve(address);
        }
        try {
            Session session = authenticate(email, password);
            forgive(account, address);
            return session;
        } catch (InvalidCredentialsException e) {
            throw e; // a guess: it stays counted
        } catch (io.nfidentity.IdentityException e) {
            if (e.status() < 500) {
                // the right password (not confirmed, suspended, denied by an observer): not a guess
                forgive(account, address);
            } else {
                // the server's own trouble (busy hashing, the database away): proves nothing either way, so the
                // attempt is given back, but the account's earlier failures stay counted
                giveBack(account, address);
            }
            throw e;
        } catch (RuntimeException e) {
            giveBack(account, address);
            throw e;
        }
    }

    private void giveBack(String account, String address) {
        try {
            if (account != null) {
                limits.accounts().release(account);
            }
            if (address != null) {
                limits.addresses().release(address);
            }
        } catch (RuntimeException e) {
            // the database is away too: the attempt stays counted, and the original failure is what the caller hears
        }
    }

    private void forgive(String account, String address) {
        if (account != null) {
            limits.accounts().succeeded(account);
        }
        if (address != null) {
            limits.addresses().release(address);
        }
    }

    private Session authenticate(String email, String password) {
        String pw = password == null ? "" : password;
        Optional<UserRow> found = EmailAddress.plausible(email) ? users.findByEmail(email) : Optional.empty();
        if (found.isEmpty()) {
            hasher.burn(pw);
            audit.failedLogin(null, EmailAddress.plausible(email) ? email.trim() : null, "invalid_credentials");
            throw new InvalidCredentialsException();
        }
        UserRow user = found.get();
        if (!hasher.verify(pw, user.encryptedPassword())) {
            audit.failedLogin(user.id(), user.email(), "invalid_credentials");
            throw new InvalidCredentialsException();
        }
        if (user.suspendedAt(clock.instant())) {
            // said only after the right password: a guesser learns nothing of the suspension
            audit.failedLogin(user.id(), user.email(), "user_banned");
            throw new io.nfidentity.UserBannedException();
        }
        if (user.confirmedAt() == null) {
            audit.failedLogin(user.id(), user.email(), "email_not_confirmed");
            throw new EmailNotConfirmedException();
        }
        String upgraded = hasher.needsRehash(user.encryptedPassword()) ? hasher.hash(pw) : null;
        return writes.signInWithPassword(user.id(), user.encryptedPassword(), upgraded);
    }
}
