package io.nfidentity.impl.rest.json;

import io.nfidentity.User;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Map;

/**
 * GoTrue's user JSON (as {@code GET /user} answers it on Netlify): snake_case, RFC 3339 timestamps, optional fields omitted when null, and never a
 * password hash or a token. {@code role} is always present, empty when unset, as GoTrue sends it.
 */
@JsonbPropertyOrder({
    "id",
    "aud",
    "role",
    "email",
    "confirmed_at",
    "invited_at",
    "confirmation_sent_at",
    "recovery_sent_at",
    "new_email",
    "email_change_sent_at",
    "last_sign_in_at",
    "app_metadata",
    "user_metadata",
    "created_at",
    "updated_at",
    "banned_until",
    "factors"
})
public record UserJson(
        @JsonbProperty("id") String id,
        @JsonbProperty("aud") String aud,
        @JsonbProperty("role") String role,
        @JsonbProperty("email") String email,
        @JsonbProperty("confirmed_at") Instant confirmedAt,
        @JsonbProperty("invited_at") Instant invitedAt,
        @JsonbProperty("confirmation_sent_at") Instant confirmationSentAt,
        @JsonbProperty("recovery_sent_at") Instant recoverySentAt,
        @JsonbProperty("new_email") String newEmail,
        @JsonbProperty("email_change_sent_at") Instant emailChangeSentAt,
        @JsonbProperty("last_sign_in_at") Instant lastSignInAt,
        @JsonbProperty("app_metadata") Map<String, Object> appMetadata,
        @JsonbProperty("user_metadata") Map<String, Object> userMetadata,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("updated_at") Instant updatedAt,
        @JsonbProperty("banned_until") Instant bannedUntil,
        @JsonbProperty("factors") java.util.List<FactorJson> factors) {

    public static UserJson of(User u, String aud) {
        return of(u, aud, java.util.List.of());
    }

    /** With the user's second factors, as Supabase's {@code GET /user} lists them (omitted when there are none). */
    public static UserJson of(User u, String aud, java.util.List<io.nfidentity.Factor> factors) {
        return new UserJson(
                u.id().toString(),
                aud,
                u.role() == null ? "" : u.role(),
                u.email(),
                u.confirmedAt(),
                u.invitedAt(),
                u.confirmationSentAt(),
                u.recoverySentAt(),
                u.pendingEmail(),
                u.emailChangeSentAt(),
                u.lastSignInAt(),
                u.appMetadata(),
                u.userMetadata(),
                u.createdAt(),
                u.updatedAt(),
                u.bannedUntil(),
                FactorJson.listOrNull(factors));
    }
}
