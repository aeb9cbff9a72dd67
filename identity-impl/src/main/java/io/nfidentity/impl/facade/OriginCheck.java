package io.nfidentity.impl.facade;

import io.nfidentity.impl.config.IdentityConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;

/**
 * {@code verifyRequestOrigin}: the request's {@code Origin} must be exactly its own origin or a configured one, and
 * {@code Sec-Fetch-Site} must not say {@code cross-site}. A missing {@code Origin} fails: browsers send it on every
 * cross-origin request and on same-origin POSTs, so only non-browser clients lack it, and those have no cookies to
 * abuse.
 */
public final class OriginCheck {
    private final List<String> allowed;

    public OriginCheck(IdentityConfig config) {
        this.allowed = config.exposure().allowedOrigins().stream()
                .map(OriginCheck::normalize)
                .toList();
    }

    public boolean allows(HttpServletRequest req) {
        if ("cross-site".equalsIgnoreCase(req.getHeader("Sec-Fetch-Site"))) {
            return false;
        }
        String origin = req.getHeader("Origin");
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return false;
        }
        String o = normalize(origin);
        return o.equals(ownOrigin(req)) || allowed.contains(o);
    }

    /** The request's own origin, {@code scheme://host[:port]}, as a browser would write it. */
    public static String ownOrigin(HttpServletRequest req) {
        String scheme = req.getScheme().toLowerCase(Locale.ROOT);
        int port = req.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + req.getServerName().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
