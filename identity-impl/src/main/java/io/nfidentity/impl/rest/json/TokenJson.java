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

    /** Supabase's token answer (for its clients, which post JSON): GoTrue's, with {@code expires_at} and the user. */
    @JsonbPropertyOrder({"accessToken", "tokenType", "expiresIn", "expiresAt", "refreshToken", "user"})
    public record WithUser(
            @JsonbProperty("access_token") String accessToken,
            @JsonbProperty("token_type") String tokenType,
            @JsonbProperty("expires_in") long expiresIn,
            @JsonbProperty("expires_at") long expiresAt,
            @JsonbProperty("refresh_token") String refreshToken,
            @JsonbProperty("user") UserJson user) {
        public static WithUser of(TokenJson t, UserJson user) {
            return new WithUser(
                    t.accessToken(),
                    t.tokenType(),
                    t.expiresIn(),
                    java.time.Instant.now().getEpochSecond() + t.expiresIn(),
                    t.refreshToken(),
                    user);
        }
    }
}
