package io.nfidentity.impl.external;

import io.nfidentity.impl.config.External;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Bitbucket Cloud: {@code /site/oauth2/authorize}, {@code /site/oauth2/access_token}, then the API's
 * {@code /2.0/user} (its {@code uuid} is the subject) and {@code /2.0/user/emails} (the primary address and
 * {@code is_confirmed}).
 */
final class Bitbucket extends ProviderProtocol {
    Bitbucket(External.Provider provider, OAuthHttp http) {
        super(provider, http);
    }

    @Override
    protected String authorizationEndpoint() {
        return provider.url() + "/site/oauth2/authorize";
    }

    @Override
    public ProviderUser exchange(String code, String codeVerifier, String redirectUri, String nonce) {
        String access =
                accessToken(token(provider.url() + "/site/oauth2/access_token", code, codeVerifier, redirectUri));
        JsonObject user = OAuthHttp.object(http.get(provider.apiUrl() + "/2.0/user", access));
        String uuid = OAuthHttp.string(user, "uuid");
        if (uuid == null || uuid.isEmpty()) {
            throw new ExternalLoginException("server_error", "Bitbucket named no account");
        }
        String email = null;
        boolean verified = false;
        JsonObject emails = OAuthHttp.object(http.get(provider.apiUrl() + "/2.0/user/emails", access));
        if (emails.get("values") instanceof JsonArray values) {
            for (JsonValue v : values) {
                if (v instanceof JsonObject e && e.getBoolean("is_primary", false)) {
                    email = OAuthHttp.string(e, "email");
                    verified = e.getBoolean("is_confirmed", false);
                }
            }
        }
        String avatar = null;
        if (user.get("links") instanceof JsonObject links && links.get("avatar") instanceof JsonObject a) {
            avatar = OAuthHttp.string(a, "href");
        }
        return new ProviderUser(uuid, email, verified, OAuthHttp.string(user, "display_name"), avatar);
    }
}
