package io.nfidentity.impl.user;

import io.nfidentity.ValidationException;
import java.text.Normalizer;
import java.util.regex.Pattern;

/** The address rule: what a mail server would accept, without pretending to implement all of RFC 5322. */
public final class EmailAddress {
    /** RFC 5321: 64 for the local part, 254 for the path; longer input is refused before any work. */
    static final int MAX_LENGTH = 254;

    private static final Pattern SHAPE = Pattern.compile(
            "^[^\\s\\p{Cntrl}@\"(),:;<>\\[\\\\\\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private EmailAddress() {}

    /**
     * @return the address, trimmed
     * @throws ValidationException (422 {@code validation_failed}) when it is missing or not an address
     */
    public static String require(String email) {
        String e = email == null ? "" : email.trim();
        if (e.isEmpty()) {
            throw new ValidationException("Email is required");
        }
        if (e.length() > MAX_LENGTH || !SHAPE.matcher(e).matches()) {
            throw new ValidationException("Unable to validate email address: invalid format");
        }
        if (!normalised(e)) {
            throw new ValidationException(
                    "Unable to validate email address: it holds look-alike characters (write it as its mail server does)");
        }
        return e;
    }

    /** Whether the input could be an address at all; for lookups that must not throw. */
    public static boolean plausible(String email) {
        return email != null
                && !email.isBlank()
                && email.length() <= MAX_LENGTH
                && email.indexOf('@') > 0
                && normalised(email);
    }

    /**
     * Whether the address is its own NFKC form. One that is not holds compatibility characters (the Kelvin sign
     * {@code \u212A}, full-width letters, ligatures) that lower-casing folds onto another user's key: {@code \u212Aim@x}
     * would be {@code kim@x}. Such input is no address of ours: refused where an address is stored, and matching
     * nobody where one is looked up.
     */
    static boolean normalised(String email) {
        return Normalizer.isNormalized(email, Normalizer.Form.NFKC);
    }
}
