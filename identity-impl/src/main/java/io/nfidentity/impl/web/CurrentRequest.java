package io.nfidentity.impl.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;

/**
 * The HTTP request being served, if any: its client address and user agent, for audit entries and session lists.
 * Outside a request (a scheduled job, an asynchronous observer, server code at startup) every answer is {@code null}.
 */
public final class CurrentRequest {
    /** The longest user agent kept: enough to tell browsers and devices apart, too short to carry a payload. */
    static final int MAX_USER_AGENT = 200;

    private final Supplier<HttpServletRequest> request;

    /** @param request the current request, or {@code null}; it may also throw when there is none */
    public CurrentRequest(Supplier<HttpServletRequest> request) {
        this.request = request;
    }

    /** Outside any HTTP request, always. */
    public static CurrentRequest none() {
        return new CurrentRequest(() -> null);
    }

    /** @return the request, or {@code null} outside one */
    public HttpServletRequest get() {
        try {
            HttpServletRequest req = request.get();
            if (req != null) {
                req.getRemoteAddr(); // a proxy without a request behind it fails here, not later
            }
            return req;
        } catch (RuntimeException outsideARequest) {
            return null;
        }
    }

    /** @return the client's address as the server saw it (no header is trusted), or {@code null} */
    public String address() {
        HttpServletRequest req = get();
        return req == null ? null : req.getRemoteAddr();
    }

    /** @return the {@code User-Agent}, printable ASCII only and at most 200 characters, or {@code null} */
    public String userAgent() {
        HttpServletRequest req = get();
        return req == null ? null : sanitised(req.getHeader("User-Agent"));
    }

    static String sanitised(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(userAgent.length(), MAX_USER_AGENT));
        for (int i = 0; i < userAgent.length() && out.length() < MAX_USER_AGENT; i++) {
            char c = userAgent.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        String s = out.toString().trim();
        return s.isEmpty() ? null : s;
    }
}
