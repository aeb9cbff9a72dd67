package io.nfidentity.impl.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The external sign-in providers that are configured (a provider is enabled only when its client id and secret are
 * set), where they send the browser back to, and how long an authorization may take.
 *
 * @param redirectUri the callback URL registered at every provider
 * @param stateTtl how long a browser has between {@code /authorize} and {@code /callback}
 */
public record External(String redirectUri, Duration stateTtl, List<Provider> providers) {
    /** The built-in providers, as {@code /settings} lists them. */
    public static final List<String> BUILT_IN = List.of("bitbucket", "github", "gitlab", "google");

    public External {
        providers = List.copyOf(providers);
    }

    public Optional<Provider> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * One provider.
     *
     * @param name {@code github}, {@code gitlab}, {@code bitbucket}, {@code google}, or a generic provider's name
     * @param kind the protocol it speaks (Google is OpenID Connect)
     * @param label what the sign-in button says, for a generic provider
     * @param url the provider's web address (authorization and token endpoints), or an OpenID Connect issuer
     * @param apiUrl where its user API answers ({@code null} for OpenID Connect)
     * @param scopes the scopes asked for
     */
    public record Provider(
            String name,
            ProviderKind kind,
            String label,
            String clientId,
            String secret,
            String url,
            String apiUrl,
            String scopes) {
        /** A generic OpenID Connect provider of {@code nf.identity.external.oidc}: listed under its own label. */
        public boolean generic() {
            return kind == ProviderKind.OIDC && !BUILT_IN.contains(name);
        }

        /** Never print the secret. */
        @Override
        public String toString() {
            return "Provider[" + name + " (" + kind + ") " + url + "]";
        }
    }
}
