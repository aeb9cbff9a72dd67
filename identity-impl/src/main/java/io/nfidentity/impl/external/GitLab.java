package io.nfidentity.impl.external;

import io.nfidentity.impl.config.External;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

/**
 * GitLab (gitlab.com or a self-hosted instance at {@code nf.identity.external.gitlab.url}): {@code /oauth/authorize},
 * {@code /oauth/token}, then {@code /api/v4/user}. The account's primary address counts as verified only when GitLab
 * reports it confirmed ({@code confirmed_at}), or, where the instance does not say, because GitLab accepts only a
 * confirmed address as primary.
 */
final class GitLab extends ProviderProtocol {
    GitLab(External.Provider provider, OAuthHttp http) {
        super(provider, http);
    }

    @Override
    protected String authorizationEndpoint() {
        return provider.url() + "/oauth/authorize";
    }

    @Override
    public ProviderUser exchange(String code, String codeVerifier, String redirectUri, String nonce) {
        String access = accessToken(token(provider.url() + "/oauth/token", code, codeVerifier, redirectUri));
        JsonObject user = OAuthHttp.object(http.get(provider.url() + "/api/v4/user", access));
        if (!(user.get("id") instanceof JsonNumber id)) {
            throw new ExternalLoginException("server_error", "GitLab named no account");
        }
        // only a confirmation date proves the address: an account without the field (or with null) has not
        boolean verified = user.get("confirmed_at") instanceof jakarta.json.JsonString;
        return new ProviderUser(
                id.bigIntegerValue().toString(),
                OAuthHttp.string(user, "email"),
                verified,
                OAuthHttp.string(user, "name"),
                OAuthHttp.string(user, "avatar_url"));
    }
}
