package io.nfidentity.impl.web;

import io.nfidentity.impl.config.IdentityConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The two cookies Netlify Identity sets ({@code nf_jwt}, {@code nf_refresh}), written as raw {@code Set-Cookie} headers so every attribute is exactly what we
 * say on every server.
 *
 * <ul>
 *   <li>{@code nf_jwt}: {@code Path=/; SameSite=Lax; Secure}, not HttpOnly, no Max-Age. Netlify's browser client reads
 *       it from {@code document.cookie} and treats its absence as "logged out", so HttpOnly would break it.
 *   <li>{@code nf_refresh}: the same plus {@code HttpOnly}: no script ever needs the refresh token.
 * </ul>
 */
public final class SessionCookies {
    public static final String ACCESS = "nf_jwt";
    public static final String REFRESH = "nf_refresh";
    private static final String EXPIRED = "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";

    private final String attributes;

    public SessionCookies(IdentityConfig config) {
        this.attributes = "; Path=/; SameSite=" + config.sessions().cookieSameSite()
                + (config.sessions().cookieSecure() ? "; Secure" : "");
    }

    /** Sets {@code nf_jwt}, and {@code nf_refresh} when a session hands out a new refresh token (else null). */
    public void set(HttpServletResponse res, String accessToken, String refreshToken) {
        noStore(res);
        res.addHeader("Set-Cookie", ACCESS + "=" + accessToken + attributes);
        if (refreshToken != null) {
            res.addHeader("Set-Cookie", REFRESH + "=" + refreshToken + attributes + "; HttpOnly");
        }
    }

    /**
     * GoTrue's own cookie for {@code X-Use-Cookie} on {@code /token} and {@code /verify}: the access token,
     * {@code HttpOnly}, for a day unless the client asks for a browser-session cookie ({@code session}).
     */
    public String gotrueCookie(String accessToken, String useCookie) {
        return ACCESS + "=" + accessToken + attributes + "; HttpOnly"
                + ("session".equals(useCookie) ? "" : "; Max-Age=86400");
    }

    /** Expires both cookies with the attributes they were set with, so the browser matches and drops them. */
    public void clear(HttpServletResponse res) {
        noStore(res);
        for (String header : clearing()) {
            res.addHeader("Set-Cookie", header);
        }
    }

    /** The two {@code Set-Cookie} values that expire {@code nf_jwt} and {@code nf_refresh}. */
    public java.util.List<String> clearing() {
        return java.util.List.of(
                ACCESS + "=" + attributes + EXPIRED, REFRESH + "=" + attributes + "; HttpOnly" + EXPIRED);
    }

    /** A response that sets a token must never be kept by a cache (RFC 6749 section 5.1). */
    private static void noStore(HttpServletResponse res) {
        res.setHeader("Cache-Control", "no-store");
    }

    /** The value of a request cookie, or {@code null}. */
    public static String read(HttpServletRequest req, String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (name.equals(c.getName())
                        && c.getValue() != null
                        && !c.getValue().isEmpty()) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
