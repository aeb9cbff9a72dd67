package io.nfidentity.impl.mechanism;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.regex.Pattern;

/**
 * The one parser of {@code Authorization: Bearer} (RFC 6750 section 2.1), shared by the mechanism and the REST API so
 * that both always agree on whether a request is a bearer request.
 *
 * <p>A header of the Bearer scheme whose token is missing or malformed ({@code "Bearer \u000b"}) is {@link
 * Kind#MALFORMED}: the request is then a bearer request that failed, never a cookie request. Headers of other schemes
 * ({@code Basic}, as a password-protected staging site sends with every request) are {@link Kind#NONE}.
 */
public final class BearerHeader {
    /** RFC 6750's b64token: a JWT, an opaque refresh token and the operator token all fit it. */
    public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private static final String SCHEME = "Bearer";

    /** What the request's {@code Authorization} header says. */
    public enum Kind {
        /** no header, or one of another scheme */
        NONE,
        /** {@code Bearer <b64token>} */
        BEARER,
        /** the Bearer scheme without a usable token, or more than one {@code Authorization} header */
        MALFORMED
    }

    /** @param token the token when {@link Kind#BEARER}, else {@code null} */
    public record Parsed(Kind kind, String token) {
        public boolean isBearer() {
            return kind == Kind.BEARER;
        }

        /** Whether the client chose bearer authentication (well-formed or not): cookies are then never read. */
        public boolean bearerScheme() {
            return kind != Kind.NONE;
        }
    }

    private static final Parsed NONE = new Parsed(Kind.NONE, null);
    private static final Parsed MALFORMED = new Parsed(Kind.MALFORMED, null);

    private BearerHeader() {}

    public static Parsed of(HttpServletRequest req) {
        String first = req.getHeader("Authorization");
        if (first == null) {
            return NONE; // the common case (cookie sessions, anonymous): nothing more to look at on this request
        }
        Enumeration<String> all = req.getHeaders("Authorization");
        if (all != null && all.hasMoreElements()) {
            all.nextElement();
            if (all.hasMoreElements()) {
                return MALFORMED; // two headers: which one would count is exactly the ambiguity an attacker wants
            }
        }
        return parse(first);
    }

    static Parsed parse(String header) {
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return NONE;
        }
        if (header.length() == SCHEME.length()) {
            return MALFORMED;
        }
        char after = header.charAt(SCHEME.length());
        if (after != ' ') {
            // "Bearer\t..." or "Bearer\u000b": the Bearer scheme, badly written; "Bearerish x": another scheme
            return after <= ' ' || after == 0x7f ? MALFORMED : NONE;
        }
        int start = SCHEME.length();
        while (start < header.length() && header.charAt(start) == ' ') {
            start++;
        }
        int end = header.length();
        while (end > start && header.charAt(end - 1) == ' ') {
            end--;
        }
        String token = header.substring(start, end);
        return TOKEN.matcher(token).matches() ? new Parsed(Kind.BEARER, token) : MALFORMED;
    }
}
