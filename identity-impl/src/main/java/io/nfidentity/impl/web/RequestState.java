package io.nfidentity.impl.web;

import io.nfidentity.User;
import io.nfidentity.impl.error.LogId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the mechanism learns about a request and hands on to the facade, kept as request attributes (server-side
 * only; a client cannot set them). The response is passed this way because CDI can inject the current request but
 * not the current response, and the facade must set cookies on it.
 */
public final class RequestState {
    /** The caller, as the mechanism verified it; the audit log reads it through {@link #user(HttpServletRequest)}. */
    private static final String USER = "io.nfidentity.caller";

    private static final String RESPONSE = RequestState.class.getName() + ".response";
    private static final String REFRESH = RequestState.class.getName() + ".refresh";
    private static final String AUTH_TIME = RequestState.class.getName() + ".authTime";
    private static final String SESSION = RequestState.class.getName() + ".session";
    private static final String AAL = RequestState.class.getName() + ".aal";

    private RequestState() {}

    public static void response(HttpServletRequest req, HttpServletResponse res) {
        req.setAttribute(RESPONSE, res);
    }

    public static HttpServletResponse response(HttpServletRequest req) {
        Object res = req.getAttribute(RESPONSE);
        if (res instanceof HttpServletResponse r) {
            return r;
        }
        throw new IllegalStateException(
                LogId.NO_MECHANISM + ": no HTTP response for this request: the nf-identity authentication"
                        + " mechanism did not run (is the application's security domain set up as the README says?)");
    }

    public static void user(HttpServletRequest req, User user) {
        req.setAttribute(USER, user);
    }

    public static User user(HttpServletRequest req) {
        return req.getAttribute(USER) instanceof User u ? u : null;
    }

    /** When the session of the verified token was authenticated ({@code auth_time}), if the token says. */
    public static void authTime(HttpServletRequest req, java.time.Instant at) {
        if (at != null) {
            req.setAttribute(AUTH_TIME, at);
        }
    }

    public static java.time.Instant authTime(HttpServletRequest req) {
        return req.getAttribute(AUTH_TIME) instanceof java.time.Instant at ? at : null;
    }

    /** The session the verified token names ({@code session_id}), if it names one. */
    public static void sessionId(HttpServletRequest req, java.util.UUID session) {
        if (session != null) {
            req.setAttribute(SESSION, session);
        }
    }

    public static java.util.UUID sessionId(HttpServletRequest req) {
        return req.getAttribute(SESSION) instanceof java.util.UUID s ? s : null;
    }

    /** The refresh token the session of this request now uses (a rotation may have replaced the cookie's). */
    public static void refreshToken(HttpServletRequest req, String token) {
        req.setAttribute(REFRESH, token);
    }

    public static String refreshToken(HttpServletRequest req) {
        return req.getAttribute(REFRESH) instanceof String s ? s : SessionCookies.read(req, SessionCookies.REFRESH);
    }

    /** The assurance level of the verified token ({@code aal}). */
    public static void aal(HttpServletRequest req, io.nfidentity.AssuranceLevel aal) {
        req.setAttribute(AAL, aal);
    }

    /** @return the caller's level, or {@code null} for an anonymous request */
    public static io.nfidentity.AssuranceLevel aal(HttpServletRequest req) {
        return req.getAttribute(AAL) instanceof io.nfidentity.AssuranceLevel a ? a : null;
    }

    public static void clear(HttpServletRequest req) {
        req.removeAttribute(AAL);
        req.removeAttribute(USER);
        req.removeAttribute(AUTH_TIME);
        req.removeAttribute(SESSION);
        req.removeAttribute(REFRESH);
    }
}
