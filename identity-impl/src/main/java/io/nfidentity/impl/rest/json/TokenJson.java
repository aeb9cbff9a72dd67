package io.nfidentity.impl.rest.json;

import io.nfidentity.impl.session.Session;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** GoTrue's token response. No {@code expires_at}: clients compute expiry from the JWT's {@code exp}. */
@JsonbPropertyOrder({"accessToken", "tokenType", "expiresIn", "refreshToken"})
public record TokenJson(
        @JsonbProperty("access_token") String accessToken,
        @JsonbProperty("token_type") String tokenType,
        @JsonbProperty("expires_in") long expiresIn,
        @JsonbProperty("refresh_token") String refreshToken) {

    public static TokenJson of(Session s) {
        return new TokenJson(s.accessToken(), "bearer", s.expiresIn(), s.refreshToken());
    }
}
