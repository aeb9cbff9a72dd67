package io.nfidentity.impl.rest.json;

import io.nfidentity.Factor;
import io.nfidentity.impl.mfa.FactorWrites;
import io.nfidentity.impl.mfa.Factors;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/** A factor as Supabase's {@code GET /user} lists it ({@code factors}). */
@JsonbPropertyOrder({"id", "friendly_name", "factor_type", "status", "created_at", "updated_at"})
public record FactorJson(
        @JsonbProperty("id") String id,
        @JsonbProperty("friendly_name") String friendlyName,
        @JsonbProperty("factor_type") String factorType,
        @JsonbProperty("status") String status,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("updated_at") Instant updatedAt) {

    public static FactorJson of(Factor f) {
        return new FactorJson(
                f.id().toString(),
                f.friendlyName(),
                f.type(),
                f.verified() ? "verified" : "unverified",
                f.createdAt(),
                f.updatedAt());
    }

    /** The user's factors, or {@code null} (omitted) when there are none, as Supabase's {@code omitempty}. */
    public static List<FactorJson> listOrNull(List<Factor> factors) {
        return factors.isEmpty() ? null : factors.stream().map(FactorJson::of).toList();
    }

    /** {@code POST /factors}: what the authenticator app needs, shown this once. */
    @JsonbPropertyOrder({"id", "type", "friendly_name", "totp"})
    public record Enrolled(
            @JsonbProperty("id") String id,
            @JsonbProperty("type") String type,
            @JsonbProperty("friendly_name") String friendlyName,
            @JsonbProperty("totp") Totp totp) {
        public static Enrolled of(Factors.Enrolled e) {
            return new Enrolled(
                    e.factor().id().toString(),
                    e.factor().type(),
                    e.factor().friendlyName(),
                    new Totp(e.qrCode(), e.secret(), e.uri()));
        }
    }

    @JsonbPropertyOrder({"qr_code", "secret", "uri"})
    public record Totp(
            @JsonbProperty("qr_code") String qrCode,
            @JsonbProperty("secret") String secret,
            @JsonbProperty("uri") String uri) {}

    /** {@code POST /factors/{id}/challenge}: {@code expires_at} in Unix seconds, as Supabase answers it. */
    @JsonbPropertyOrder({"id", "type", "expires_at"})
    public record Challenge(
            @JsonbProperty("id") String id,
            @JsonbProperty("type") String type,
            @JsonbProperty("expires_at") long expiresAt) {
        public static Challenge of(Factors.Challenge c) {
            return new Challenge(c.id().toString(), "totp", c.expiresAt().getEpochSecond());
        }
    }

    /**
     * {@code POST /factors/{id}/verify}: Supabase's token response (with {@code expires_at} and the user, whose
     * {@code factors} its client reads), and, after the first factor's first code, the recovery codes, shown this once.
     */
    @JsonbPropertyOrder({
        "access_token",
        "token_type",
        "expires_in",
        "expires_at",
        "refresh_token",
        "user",
        "recovery_codes"
    })
    public record Verified(
            @JsonbProperty("access_token") String accessToken,
            @JsonbProperty("token_type") String tokenType,
            @JsonbProperty("expires_in") long expiresIn,
            @JsonbProperty("expires_at") long expiresAt,
            @JsonbProperty("refresh_token") String refreshToken,
            @JsonbProperty("user") UserJson user,
            @JsonbProperty("recovery_codes") List<String> recoveryCodes) {
        public static Verified of(FactorWrites.Verified v, UserJson user, Instant now) {
            return new Verified(
                    v.session().accessToken(),
                    "bearer",
                    v.session().expiresIn(),
                    now.getEpochSecond() + v.session().expiresIn(),
                    v.session().refreshToken(),
                    user,
                    v.recoveryCodes().isEmpty() ? null : v.recoveryCodes());
        }
    }
}
