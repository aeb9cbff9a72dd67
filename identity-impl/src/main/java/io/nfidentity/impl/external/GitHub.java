package io.nfidentity.impl.external;

import io.nfidentity.impl.config.External;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * GitHub's OAuth app flow: {@code /login/oauth/authorize}, {@code /login/oauth/access_token}, then the REST API's
 * {@code /user} (the account's numeric id is the subject) and {@code /user/emails} (the primary address, and whether
 * GitHub verified it).
 */
final class GitHub extends ProviderProtocol {
    GitHub(External.Provider provider, OAuthHttp http) {
        super(provider, http);
    }

    @Override
    protected String authorizationEndpoint() {
        return provider.url() + "/login/oauth/authorize";
    }

    @Override
    public ProviderUser exchange(String code, String codeVerifier, String redirectUri, String nonce) {
        String access =
                accessToken(token(provider.url() + "/login/oauth/access_token", code, codeVerifier, redirectUri));
        JsonObject user = OAuthHttp.object(http.get(provider.apiUrl() + "/user", access));
        if (!(user.get("id") instanceof JsonNumber id)) {
            throw new ExternalLoginException("server_error", "GitHub named no account");
        }
        String email = null;
        boolean verified = false;
        if (http.get(provider.apiUrl() + "/user/emails", access) instanceof JsonArray emails) {
            for (JsonValue v : emails) {
                if (v instanceof JsonObject e && e.getBoolean("primary", false)) {
                    email = OAuthHttp.string(e, "email");
                    verified = e.getBoolean("verified", false);
                }
            }
        }
        String name = OAuthHttp.string(user, "name");
        return new ProviderUser(
                id.bigIntegerValue().toString(),
                email,
                verified,
                name != null ? name : OAuthHttp.string(user, "login"),
                OAuthHttp.string(user, "avatar_url"));
    }
}
