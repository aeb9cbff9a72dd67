package io.nfidentity.impl.rest.json;

import io.nfidentity.SigningKey;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A signing key in the admin API's key list: snake_case like GoTrue's objects; never key material. */
@JsonbPropertyOrder({
    "kid",
    "algorithm",
    "state",
    "created_at",
    "activated_at",
    "deactivated_at",
    "verifies_until",
    "retired_at"
})
public record KeyJson(
        @JsonbProperty("kid") String kid,
        @JsonbProperty("algorithm") String algorithm,
        @JsonbProperty("state") String state,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("activated_at") Instant activatedAt,
        @JsonbProperty("deactivated_at") Instant deactivatedAt,
        @JsonbProperty("verifies_until") Instant verifiesUntil,
        @JsonbProperty("retired_at") Instant retiredAt) {

    /** Body of the list: {@code {"keys":[...]}}. */
    public record KeyList(@JsonbProperty("keys") List<KeyJson> keys) {}

    public static KeyJson of(SigningKey k) {
        return new KeyJson(
                k.kid(),
                k.algorithm(),
                k.state().name().toLowerCase(Locale.ROOT),
                k.createdAt(),
                k.activatedAt(),
                k.deactivatedAt(),
                k.verifiesUntil(),
                k.retiredAt());
    }
}
