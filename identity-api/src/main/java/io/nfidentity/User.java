package io.nfidentity;

import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A user as {@code @netlify/identity} presents it to server code: camelCase, with the often-needed parts of the
 * metadata lifted out ({@link #provider()}, {@link #name()}, {@link #pictureUrl()}, {@link #roles()}).
 *
 * <p>Instants are {@code null} when the event has not happened (a user who never signed in has no
 * {@link #lastSignInAt()}); strings that would be empty are {@code null}; collections are never {@code null} and
 * are unmodifiable. Neither the password hash nor any token is ever part of a {@code User}.
 *
 * @param id the user's id, a random UUID given at creation; the JWT's {@code sub} and the container's caller name
 * @param email the address the user signs in with, as stored (unique without regard to case)
 * @param role GoTrue's top-level role (usually {@code null}); role-based access uses {@link #roles()}
 * @param provider {@code app_metadata.provider}: {@code "email"} for password users
 * @param name {@code user_metadata.full_name}, else {@code user_metadata.name}
 * @param pictureUrl {@code user_metadata.avatar_url}
 * @param roles {@code app_metadata.roles} when it is a list of strings, else empty; these are the container groups
 * @param confirmedAt when the email address was confirmed; a user who is not confirmed cannot log in
 * @param invitedAt when an invitation was sent
 * @param confirmationSentAt when the last confirmation mail was sent
 * @param recoverySentAt when the last recovery mail was sent
 * @param pendingEmail the new address of an email change that is not yet confirmed ({@code new_email})
 * @param emailChangeSentAt when the last email-change mail was sent
 * @param lastSignInAt when the user last logged in with a password or a provider
 * @param createdAt when the user was created
 * @param updatedAt when the user was last changed
 * @param appMetadata data only administrators and lifecycle observers may change, such as {@code roles}
 * @param userMetadata data the user may change about themself, such as {@code full_name}
 * @param bannedUntil until when the user is suspended ({@link IdentityAdmin#suspendUser}); {@code null} when not
 */
public record User(
        UUID id,
        String email,
        String role,
        String provider,
        String name,
        String pictureUrl,
        List<String> roles,
        Instant confirmedAt,
        Instant invitedAt,
        Instant confirmationSentAt,
        Instant recoverySentAt,
        String pendingEmail,
        Instant emailChangeSentAt,
        Instant lastSignInAt,
        Instant createdAt,
        Instant updatedAt,
        Map<String, Object> appMetadata,
        Map<String, Object> userMetadata,
        Instant bannedUntil) {

    /** Checks the invariants: an id and an email are always present and collections are never {@code null}. */
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        role = blankToNull(role);
        provider = blankToNull(provider);
        name = blankToNull(name);
        pictureUrl = blankToNull(pictureUrl);
        pendingEmail = blankToNull(pendingEmail);
        roles = roles == null ? List.of() : List.copyOf(roles);
        appMetadata = appMetadata == null ? Map.of() : java.util.Collections.unmodifiableMap(appMetadata);
        userMetadata = userMetadata == null ? Map.of() : java.util.Collections.unmodifiableMap(userMetadata);
    }

    /**
     * Whether the user holds a role in {@code app_metadata.roles}.
     *
     * @param roleName the role to look for
     * @return {@code true} when {@link #roles()} contains it
     */
    public boolean hasRole(String roleName) {
        return roles.contains(roleName);
    }

    /**
     * This user with other metadata, and with {@link #provider()}, {@link #name()}, {@link #pictureUrl()} and
     * {@link #roles()} derived from it the way {@code @netlify/identity} derives them. The one place that mapping lives.
     *
     * @param app the new {@code app_metadata}
     * @param meta the new {@code user_metadata}
     * @return a new user; this one is unchanged
     */
    public User withMetadata(Map<String, Object> app, Map<String, Object> meta) {
        Map<String, Object> a = app == null ? Map.of() : app;
        Map<String, Object> m = meta == null ? Map.of() : meta;
        Object name = m.get("full_name") != null ? m.get("full_name") : m.get("name");
        Object roleList = a.get("roles");
        List<String> derivedRoles = roleList instanceof List<?> l && l.stream().allMatch(String.class::isInstance)
                ? l.stream().map(String.class::cast).toList()
                : List.of();
        return new User(
                id,
                email,
                role,
                stringOrNull(a.get("provider")),
                stringOrNull(name),
                stringOrNull(m.get("avatar_url")),
                derivedRoles,
                confirmedAt,
                invitedAt,
                confirmationSentAt,
                recoverySentAt,
                pendingEmail,
                emailChangeSentAt,
                lastSignInAt,
                createdAt,
                updatedAt,
                new java.util.LinkedHashMap<>(a),
                new java.util.LinkedHashMap<>(m),
                bannedUntil);
    }

    private static String stringOrNull(Object o) {
        return o instanceof String s ? s : null;
    }

    /**
     * @param now the time to judge by
     * @return whether the user is suspended at {@code now}: no login, refresh, confirmation or recovery
     */
    public boolean isSuspendedAt(Instant now) {
        return bannedUntil != null && bannedUntil.isAfter(now);
    }

    /** @return {@code true} once the email address is confirmed */
    @JsonbTransient
    public boolean isConfirmed() {
        return confirmedAt != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
