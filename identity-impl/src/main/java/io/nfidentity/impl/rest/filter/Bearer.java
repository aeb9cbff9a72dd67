package io.nfidentity.impl.rest.filter;

import io.nfidentity.User;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.mechanism.BearerHeader;
import io.nfidentity.impl.web.RequestState;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The REST API authenticates from {@code Authorization: Bearer} only, as GoTrue does: a cookie alone never
 * authorises a change through it, so a foreign page cannot ride on the browser's cookies (CSRF). The header is parsed
 * by {@link BearerHeader}, the same parser the mechanism uses, so a header that the mechanism did not take as a
 * usable bearer token is a 401 here, whatever cookies came with it.
 */
public final class Bearer {
    private Bearer() {}

    /** The user of a valid bearer token; the mechanism already verified it. */
    public static User require(HttpServletRequest req) {
        BearerHeader.Parsed auth = BearerHeader.of(req);
        if (!auth.bearerScheme()) {
            throw Problem.NO_AUTHORIZATION.exception();
        }
        User user = auth.isBearer() ? RequestState.user(req) : null;
        if (user == null) {
            throw Problem.BAD_JWT.exception();
        }
        return user;
    }
}
