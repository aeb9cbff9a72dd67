package io.nfidentity.impl.session;

import io.nfidentity.AssuranceLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code nf.identity.mfa.required-for-roles}: a token at level 1 does not carry those roles in
 * {@code app_metadata.roles}, so everything that reads roles from the token (the container's role checks, the admin
 * gate, Netlify's clients) sees them only once a second factor was verified. The stored user keeps them.
 */
final class RolesAtLevel {
    private RolesAtLevel() {}

    static Map<String, Object> appMetadata(Map<String, Object> app, AssuranceLevel level, List<String> required) {
        if (level == AssuranceLevel.AAL2 || required.isEmpty() || !(app.get("roles") instanceof List<?> roles)) {
            return app;
        }
        List<?> kept = roles.stream().filter(r -> !required.contains(r)).toList();
        if (kept.size() == roles.size()) {
            return app;
        }
        Map<String, Object> copy = new LinkedHashMap<>(app);
        copy.put("roles", kept);
        return copy;
    }
}
