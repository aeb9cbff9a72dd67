package io.nfidentity.impl.mfa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/**
 * RFC 6238 as every authenticator app reads it: HMAC-SHA1, 6 digits, 30-second steps, 160-bit secrets in base32. The
 * code itself is computed by java-otp (over the JDK's {@code Mac}); what is ours is the policy: one step either side
 * for clocks that drift, compared in constant time, and never a step at or before the last one accepted, so a code
 * seen over a shoulder or in a log cannot be used again (RFC 6238 section 5.2).
 */
public final class Totp {
    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator(
            STEP, DIGITS, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

    private Totp() {}

    /** A new secret: 20 random bytes (RFC 4226's recommended length), base32 without padding. */
    public static String newSecret() {
        byte[] key = new byte[20];
        RANDOM.nextBytes(key);
        return Base32.toBase32String(key).replace("=", "");
    }

    /** The step a time falls in: whole 30-second periods since the epoch. */
    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.toSeconds());
    }

    /** The code of a step, six digits with leading zeros. */
    static String code(String secret, long step) {
        try {
            int code = GENERATOR.generateOneTimePassword(key(secret), Instant.ofEpochSecond(step * STEP.toSeconds()));
            return String.format(Locale.ROOT, "%06d", code);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC-SHA1 key of 20 bytes is always valid", e);
        }
    }

    /**
     * The step whose code {@code code} is, among the current one and one either side, if it is later than
     * {@code lastStep}. Every candidate is compared (in constant time), so the time taken says nothing about which.
     *
     * @param lastStep the last step accepted for this factor, or {@code null}
     */
    public static OptionalLong match(String secret, String code, Instant now, Long lastStep) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] presented = code.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long found = Long.MIN_VALUE;
        for (long s = current - 1; s <= current + 1; s++) {
            if (MessageDigest.isEqual(presented, code(secret, s).getBytes(StandardCharsets.US_ASCII))) {
                found = Math.max(found, s);
            }
        }
        if (found == Long.MIN_VALUE || (lastStep != null && found <= lastStep)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(found);
    }

    /**
     * The {@code otpauth://} URI of Google Authenticator's key-URI format, which every app reads: the label is
     * {@code issuer:account}, the issuer repeated as a parameter.
     */
    public static String uri(String issuer, String account, String secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits="
                + DIGITS + "&period=" + STEP.toSeconds();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(Base32.decode(pad(secret)), "HmacSHA1");
    }

    private static String pad(String base32) {
        int rest = base32.length() % 8;
        return rest == 0 ? base32 : base32 + "=".repeat(8 - rest);
    }
}
