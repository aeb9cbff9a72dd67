package io.nfidentity.impl.token;

import io.nfidentity.AssuranceLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a session was authenticated, for its tokens' {@code aal} and {@code amr} claims (Supabase's shape): the first
 * factor and when, and the second factor and when, if one was verified in the session.
 *
 * @param method the session's first factor as the session list names it ({@code password}, {@code recovery}, a
 *     provider's name, ...)
 * @param authenticatedAt when the session was authenticated
 * @param factorMethod {@code totp} or {@code recovery} once a second factor was verified, else {@code null}
 * @param factorAt when it was verified, or {@code null}
 */
public record Assurance(String method, Instant authenticatedAt, String factorMethod, Instant factorAt) {
    /** Methods of the session list that are not a provider's name. */
    private static final List<String> OWN =
            List.of("password", "signup", "confirmation", "invite", "recovery", "otp", "magiclink", "webauthn");

    public AssuranceLevel level() {
        return factorAt != null ? AssuranceLevel.AAL2 : AssuranceLevel.AAL1;
    }

    /** Newest first, as Supabase lists them; a provider's sign-in is {@code oauth}. */
    public List<Map<String, Object>> amr() {
        List<Map<String, Object>> amr = new ArrayList<>(2);
        if (factorAt != null) {
            amr.add(entry(factorMethod, factorAt));
        }
        if (method != null && authenticatedAt != null && !method.equals(factorMethod)) {
            amr.add(entry(OWN.contains(method) ? method : "oauth", authenticatedAt));
        }
        return amr;
    }

    private static Map<String, Object> entry(String method, Instant at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("method", method);
        e.put("timestamp", at.getEpochSecond());
        return e;
    }
}
