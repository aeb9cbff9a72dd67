package io.nfidentity.impl.rest;

import io.nfidentity.IdentityException;
import io.nfidentity.User;
import io.nfidentity.impl.session.RequestState;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The REST API authenticates from {@code Authorization: Bearer} only, as GoTrue does: a cookie alone never
 * authorises a change through it, so a foreign page cannot ride on the browser's cookies (CSRF).
 */
final class Bearer {
    private Bearer() {}

    static boolean present(HttpServletRequest req) {
        String h = req.getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) && h.length() > 7;
    }

    /** The user of a valid bearer token; the mechanism already verified it. */
    static User require(HttpServletRequest req) {
        if (!present(req)) {
            throw new IdentityException(401, "no_authorization", "This endpoint requires a Bearer token");
        }
        User user = RequestState.user(req);
        if (user == null) {
            throw new IdentityException(401, "bad_jwt", "Invalid token: signature, expiry or format is not valid");
        }
        return user;
    }
}
