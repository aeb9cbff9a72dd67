package io.nfidentity.impl.otp;

import io.nfidentity.UserNotFoundException;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.limit.Limiters;
import io.nfidentity.impl.limit.RateLimiter;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.user.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Sign-in by mail: a six-digit code and a link, mailed together ({@code POST /otp}, GoTrue's {@code /magiclink}), either
 * of which signs in once within {@code nf.identity.mail.magiclink-ttl}. The request answers alike whether or not the
 * address has a user; each guess at a code is counted against the address before it is checked. The transactional
 * steps are {@link EmailSignInWrites}.
 */
@ApplicationScoped
public class EmailSignIn {
    private final IdentityConfig config;
    private final Limiters limits;
    private final EmailSignInWrites writes;

    @Inject
    public EmailSignIn(IdentityConfig config, Limiters limits, EmailSignInWrites writes) {
        this.config = config;
        this.limits = limits;
        this.writes = writes;
    }

    /** For the container's client proxy only. */
    protected EmailSignIn() {
        this(null, null, null);
    }

    /**
     * Mails a code and a link to the address, creating an unconfirmed user first when there is none and
     * {@code createUser} (and signups are on). Says nothing either way: an unknown address, a suspended user, and a
     * mail held back because one went to the address moments ago all look alike to the caller.
     *
     * @throws io.nfidentity.ValidationException for an implausible address (which says nothing about users)
     */
    public void request(String email, boolean createUser, Map<String, Object> data) {
        String address = EmailAddress.require(email);
        try {
            // at most a few sign-in mails per address, whoever asks: the endpoint is no mail bomb
            limits.accounts().reserve(mailKey(address));
        } catch (RateLimiter.TooManyRequestsException quiet) {
            return;
        }
        writes.request(address, createUser && !config.accounts().disableSignup(), data);
    }

    /**
     * Signs in with a mailed code. Every guess counts against the address (the account limiter: a few free, then each
     * waits longer) before the code is looked at, so six digits cannot be guessed.
     *
     * @throws UserNotFoundException for a wrong, spent or expired code, and for an unknown address alike
     */
    public Session verifyCode(String email, String code) {
        String address = EmailAddress.require(email);
        String key = guessKey(address);
        limits.accounts().reserve(key);
        Session session = writes.verifyCode(address, code);
        limits.accounts().succeeded(key);
        return session;
    }

    /** Signs in with a mailed link's token (the page the link opens posts it when its button is pressed). */
    public Session verifyLink(String token) {
        return writes.verifyLink(token);
    }

    private static String mailKey(String address) {
        return "otp:mail:" + UserStore.emailKey(address);
    }

    private static String guessKey(String address) {
        return "otp:code:" + UserStore.emailKey(address);
    }
}
