package io.nfidentity.impl.limit;

import java.util.Locale;

/**
 * The two limiters: per account (failed logins of one address from anywhere, or from one known device) and per
 * client address (failed logins and signup, recovery and verification attempts from one address). The client address is the connection's own;
 * a proxy in front should pass the client's through the server's own settings (Undertow's proxy-address-forwarding),
 * never by trusting a header here.
 */
public record Limiters(RateLimiter accounts, RateLimiter addresses) {

    public static String account(String email) {
        return "login:account:" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
    }

    /** A browser the account's owner logged in from before ({@link DeviceCookies}): limited on its own. */
    public static String device(String deviceId) {
        return "login:device:" + deviceId;
    }

    public static String address(String action, String clientAddress) {
        return action + ":address:" + clientAddress;
    }
}
