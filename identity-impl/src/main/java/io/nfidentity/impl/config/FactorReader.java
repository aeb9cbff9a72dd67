package io.nfidentity.impl.config;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Second factors ({@code nf.identity.mfa.*}) and passkeys ({@code nf.identity.passkeys.*}), read with
 * {@link ConfigReader}'s helpers so that their problems join the one list of everything to fix.
 */
final class FactorReader {
    private final ConfigReader r;

    FactorReader(ConfigReader r) {
        this.r = r;
    }

    IdentityConfig.Mfa mfa() {
        String site = r.string("site-url", "");
        String host = site.replaceFirst("^https?://", "").replaceFirst(":\\d+$", "");
        String issuer = r.string("mfa.issuer", host.isEmpty() ? "nf-identity" : host);
        if (issuer.isBlank() || issuer.length() > 100 || issuer.contains(":")) {
            r.problem("mfa.issuer must be 1 to 100 characters without ':' (authenticator apps show it), not '" + issuer
                    + "'");
        }
        boolean enabled = r.bool("mfa.enabled", false);
        if (enabled
                && r.string("jwt.key-encryption-key", "").getBytes(StandardCharsets.UTF_8).length
                        < ConfigReader.MIN_SECRET_BYTES) {
            r.problem("mfa.enabled needs jwt.key-encryption-key (a random string of at least "
                    + ConfigReader.MIN_SECRET_BYTES + " characters): the factors' secrets are sealed with it");
        }
        return new IdentityConfig.Mfa(
                enabled,
                issuer,
                r.seconds("mfa.challenge-expiry", 300, 30, 3600),
                r.integer("mfa.max-factors", 10, 1, 100),
                r.list("mfa.required-for-roles"));
    }

    IdentityConfig.Passkeys passkeys() {
        String site = r.string("site-url", "");
        String host = site.replaceFirst("^https?://", "").replaceFirst(":\\d+$", "");
        String rpId = r.string("passkeys.rp-id", host.isEmpty() ? "localhost" : host);
        boolean hostName = rpId.matches("[A-Za-z0-9.-]+") && !rpId.matches("[0-9.]+");
        // a site on an IP address has no relying party a browser accepts: passkeys are off unless switched on
        // with a relying-party id of their own
        boolean enabled = r.bool("passkeys.enabled", hostName);
        if ((enabled || !r.string("passkeys.rp-id", "").isEmpty()) && !hostName) {
            r.problem("passkeys.rp-id must be a host name (browsers refuse an IP address), not '" + rpId + "'");
        }
        List<String> origins = new java.util.ArrayList<>(r.list("passkeys.origins"));
        if (origins.isEmpty()) {
            if (!site.isEmpty()) {
                origins.add(site);
            }
            origins.addAll(r.list("allowed-origins"));
        }
        for (String origin : origins) {
            if (!origin.matches("https?://[^/\\s]+")) {
                r.problem("passkeys.origins must list origins like https://example.com, not '" + origin + "'");
            }
        }
        String uv = r.string("passkeys.user-verification", "required");
        if (!List.of("required", "preferred").contains(uv)) {
            r.problem("passkeys.user-verification must be required or preferred, not '" + uv + "'");
        }
        return new IdentityConfig.Passkeys(
                enabled,
                rpId,
                r.string("passkeys.rp-name", rpId),
                List.copyOf(origins),
                uv.equals("required"),
                r.integer("passkeys.max", 10, 1, 100));
    }
}
