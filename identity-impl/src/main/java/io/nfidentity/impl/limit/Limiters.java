package io.nfidentity.impl.limit;

import java.util.Locale;

/**
 * The limiters: per account (failed logins of one address from anywhere, or from one known device), per client
 * address (failed logins and signup, recovery and verification attempts from one address), and mails to an address
 * nobody has proven to own (one per resend interval). The client address is the connection's own;
 * a proxy in front should pass the client's through the server's own settings (Undertow's proxy-address-forwarding),
 * never by trusting a header here.
 */
public record Limiters(RateLimiter accounts, RateLimiter addresses, RateLimiter mails) {

    /** Without a mail limiter: each key may mail once an hour. */
    public Limiters(RateLimiter accounts, RateLimiter addresses) {
        this(accounts, addresses, null);
    }

    /**
     * A mail to an address that nobody has yet proven to own (a pending signup's confirmation, sent again because
     * someone signed up with the address again): at most one per resend interval, whoever asks.
     */
    public static String unprovenMail(String email) {
        return "mail:unproven:" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
    }

    public static String account(String email) {
        return "login:account:" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
    }

    /** A browser the account's owner logged in from before ({@link DeviceCookies}): limited on its own. */
    public static String device(String deviceId) {
        return "login:device:" + deviceId;
    }

    /**
     * Counts an attempt of a mail-sending or token-spending action (signup, recovery, verification, a provider's
     * authorize) from one client address; refuses with 429 when over the limit.
     */
    public void attempt(String action, String clientAddress) {
        addresses.reserve(address(action, clientAddress));
    }

    public static String address(String action, String clientAddress) {
        return action + ":address:" + clientAddress;
    }
}
