package io.nfidentity.impl.external;

import io.nfidentity.impl.config.External;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One provider's side of the authorization-code flow: where to send the browser, and how to turn the code it brings
 * back into a {@link ProviderUser}. Every flow uses PKCE (S256) and a {@code state}; OpenID Connect adds a
 * {@code nonce} bound into the ID token.
 */
public abstract sealed class ProviderProtocol permits GitHub, GitLab, Bitbucket, Oidc {
    protected final External.Provider provider;
    protected final OAuthHttp http;

    protected ProviderProtocol(External.Provider provider, OAuthHttp http) {
        this.provider = provider;
        this.http = http;
    }

    public final External.Provider provider() {
        return provider;
    }

    /** Builds the protocol of a configured provider. */
    public static ProviderProtocol of(External.Provider provider, OAuthHttp http) {
        return switch (provider.kind()) {
            case GITHUB -> new GitHub(provider, http);
            case GITLAB -> new GitLab(provider, http);
            case BITBUCKET -> new Bitbucket(provider, http);
            case OIDC -> new Oidc(provider, http);
        };
    }

    /** Where the browser authorizes us. */
    public String authorizeUrl(String redirectUri, String state, String codeChallenge, String nonce) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", provider.clientId());
        q.put("redirect_uri", redirectUri);
        q.put("response_type", "code");
        q.put("scope", provider.scopes());
        q.put("state", state);
        q.put("code_challenge", codeChallenge);
        q.put("code_challenge_method", "S256");
        extra(q, nonce);
        return authorizationEndpoint() + "?"
                + q.entrySet().stream()
                        .map(e -> OAuthHttp.encode(e.getKey()) + "=" + OAuthHttp.encode(e.getValue()))
                        .collect(Collectors.joining("&"));
    }

    /**
     * Exchanges the code (with the PKCE verifier) and reads the user.
     *
     * @throws ExternalLoginException when the provider refuses, cannot be reached, or vouches for nothing usable
     */
    public abstract ProviderUser exchange(String code, String codeVerifier, String redirectUri, String nonce);

    protected abstract String authorizationEndpoint();

    /** Parameters a provider adds to the authorization URL. */
    protected void extra(Map<String, String> query, String nonce) {}

    /** The token endpoint's answer; a 200 carrying {@code error} (GitHub does that) is a refusal too. */
    protected final JsonObject token(String tokenEndpoint, String code, String codeVerifier, String redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", provider.clientId());
        form.put("client_secret", provider.secret());
        form.put("code_verifier", codeVerifier);
        JsonObject answer = http.postForm(tokenEndpoint, form);
        if (answer.containsKey("error")) {
            throw new ExternalLoginException("access_denied", "The provider refused the code");
        }
        return answer;
    }

    protected static String accessToken(JsonObject tokenAnswer) {
        String token = OAuthHttp.string(tokenAnswer, "access_token");
        if (token == null || token.isEmpty()) {
            throw new ExternalLoginException("server_error", "The provider issued no access token");
        }
        return token;
    }
}
