package io.nfidentity.impl.config;

import java.util.List;

/**
 * The external sign-in providers of {@code nf.identity.external.*}, read with {@link ConfigReader}'s helpers so that
 * their problems join the one list of everything to fix.
 */
final class ExternalReader {
    private final ConfigReader r;

    ExternalReader(ConfigReader r) {
        this.r = r;
    }

    /** Names a generic OpenID Connect provider may have: not a built-in one, safe in a URL and a log. */
    private static final java.util.regex.Pattern PROVIDER_NAME =
            java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,15}");

    External read() {
        List<External.Provider> providers = new java.util.ArrayList<>();
        builtIn(
                providers,
                "github",
                ProviderKind.GITHUB,
                "https://github.com",
                "https://api.github.com",
                "read:user user:email");
        builtIn(providers, "gitlab", ProviderKind.GITLAB, "https://gitlab.com", null, "read_user");
        builtIn(
                providers,
                "bitbucket",
                ProviderKind.BITBUCKET,
                "https://bitbucket.org",
                "https://api.bitbucket.org",
                "account email");
        builtIn(providers, "google", ProviderKind.OIDC, "https://accounts.google.com", null, "openid email profile");
        for (String name : r.list("external.oidc")) {
            String key = "external.oidc." + name + ".";
            if (!PROVIDER_NAME.matcher(name).matches() || External.BUILT_IN.contains(name)) {
                r.problem(
                        "external.oidc names must be lower-case letters, digits and dashes (at most 16), and not a built-in"
                                + " provider's name, not '" + name + "'");
                continue;
            }
            String issuer = r.string(key + "issuer", "");
            String clientId = r.string(key + "client-id", "");
            String secret = r.string(key + "secret", "");
            if (!issuer.matches("https?://\\S+") || clientId.isEmpty() || secret.isEmpty()) {
                r.problem(key + "issuer (an http(s) URL), " + key + "client-id and " + key + "secret must be set for"
                        + " the OpenID Connect provider '" + name + "'");
                continue;
            }
            providers.add(new External.Provider(
                    name,
                    ProviderKind.OIDC,
                    r.string(key + "label", name),
                    clientId,
                    secret,
                    issuer, // as given: it must equal the ID token's iss, trailing slash and all
                    null,
                    r.string(key + "scopes", "openid email profile")));
        }
        String site = r.string("site-url", "");
        return new External(
                r.string("external.redirect-uri", trimSlash(site) + "/.netlify/identity/callback"),
                r.seconds("external.state-ttl", 600, 60, 3600),
                providers);
    }

    /** A built-in provider, enabled when both its client id and secret are set. */
    private void builtIn(
            List<External.Provider> providers,
            String name,
            ProviderKind kind,
            String url,
            String apiUrl,
            String scopes) {
        String key = "external." + name + ".";
        String clientId = r.string(key + "client-id", "");
        String secret = r.string(key + "secret", "");
        if (clientId.isEmpty() != secret.isEmpty()) {
            r.problem(key + "client-id and " + key + "secret must be set together");
            return;
        }
        if (clientId.isEmpty()) {
            return;
        }
        String base = kind == ProviderKind.OIDC ? r.string(key + "issuer", url) : trimSlash(r.string(key + "url", url));
        String api = apiUrl == null ? null : trimSlash(r.string(key + "api-url", apiUrl));
        providers.add(new External.Provider(name, kind, name, clientId, secret, base, api, scopes));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
