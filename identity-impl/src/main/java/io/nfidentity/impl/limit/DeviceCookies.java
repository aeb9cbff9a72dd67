package io.nfidentity.impl.limit;

import io.nfidentity.impl.config.IdentityConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OWASP's device cookies ("Slow down online guessing attacks with device cookies"): a browser that logged in to an
 * account successfully gets a signed {@code nf_device} cookie for that account. A login that presents one is limited
 * per device, not by the account-wide counter, so a guesser who keeps that counter full (one wrong password a minute
 * is enough) delays only strangers, never the owner on a browser the owner used before.
 *
 * <p>The value is {@code v1.<nonce>.<expiry>.<mac>}: a random device id, an expiry in epoch seconds, and an
 * HMAC-SHA256 over both and a hash of the account's address, under a key derived from the JWT secret. It names no
 * account in clear and cannot be made for another account or device.
 */
public final class DeviceCookies {
    public static final String NAME = "nf_device";
    static final Duration LIFETIME = Duration.ofDays(180);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final Clock clock;
    private final String attributes;

    public DeviceCookies(IdentityConfig config, Clock clock) {
        this.key = hmac(config.serverSecret(), "nf-identity device cookie v1".getBytes(StandardCharsets.US_ASCII));
        this.clock = clock;
        this.attributes = "; Path=/; Max-Age=" + LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (config.sessions().cookieSecure() ? "; Secure" : "");
    }

    /** A {@code Set-Cookie} value that marks this browser as one the account's owner logged in from. */
    public String issue(String email) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String body = "v1." + B64.encodeToString(nonce) + "."
                + clock.instant().plus(LIFETIME).getEpochSecond();
        return NAME + "=" + body + "." + mac(body, email) + attributes;
    }

    /** The device id of a cookie that is genuine, current and made for this account; otherwise empty. */
    public Optional<String> deviceFor(String cookie, String email) {
        if (cookie == null || cookie.length() > 200) {
            return Optional.empty();
        }
        String[] parts = cookie.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("v1")) {
            return Optional.empty();
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(
                mac(body, email).getBytes(StandardCharsets.US_ASCII), parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            return Long.parseLong(parts[2]) > clock.instant().getEpochSecond()
                    ? Optional.of(parts[1])
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String mac(String body, String email) {
        String account = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return B64.encodeToString(hmac(key, (body + "|" + account).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
