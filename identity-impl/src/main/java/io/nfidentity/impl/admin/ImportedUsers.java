package io.nfidentity.impl.admin;

import io.nfidentity.impl.json.Json;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.store.UserField;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.token.Claims;
import io.nfidentity.impl.user.EmailAddress;
import io.nfidentity.impl.user.RoleNames;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A line of an import as a user row: nf-identity's own export, or GoTrue's (its {@code encrypted_password} column,
 * {@code ""} for no role). Every field an export writes as it is ({@link UserField.Transfer#AS_IS}) is read back by
 * its type.
 */
final class ImportedUsers {
    private ImportedUsers() {}

    /**
     * One line as a user row; its checks are {@code createUser}'s.
     *
     * @param audience the {@code aud} every user of this server has
     * @param hasher takes the line's hash only in a format it can verify
     * @throws IllegalArgumentException (or an {@link io.nfidentity.IdentityException}) for a line it refuses
     */
    static UserRow row(JsonObject o, Instant now, String audience, PasswordHasher hasher) {
        String email = EmailAddress.require(string(o, "email"));
        String idText = string(o, "id");
        UUID id = idText == null ? UUID.randomUUID() : UUID.fromString(idText);
        String hash = string(o, "password_hash");
        if (hash == null || hash.isBlank()) {
            hash = string(o, "encrypted_password"); // GoTrue's column, as its database exports it
        }
        hash = hash == null || hash.isBlank() ? null : hasher.importable(hash);
        Map<String, Object> app = map(o, "app_metadata");
        app.putIfAbsent("provider", "email");
        RoleNames.check(Claims.rolesOf(app));
        String role = string(o, "role");
        role = role == null || role.isBlank() ? null : role; // GoTrue writes "" for no role
        RoleNames.check(role);
        Instant created = instant(o, "created_at", now);
        UserRow.Builder row = UserRow.builder()
                .set(UserField.ID, id)
                .set(UserField.AUD, audience)
                .set(UserField.ROLE, role)
                .set(UserField.EMAIL, email)
                .set(UserField.ENCRYPTED_PASSWORD, hash)
                .set(UserField.APP_METADATA, app)
                .set(UserField.USER_METADATA, map(o, "user_metadata"))
                .set(UserField.CREATED_AT, created);
        for (UserField f : UserField.values()) {
            if (f.transfer() == UserField.Transfer.AS_IS) {
                row.set(f, value(o, f));
            }
        }
        return row.build(now);
    }

    /** A field an export writes as it is ({@link UserField.Transfer#AS_IS}), read back by its type. */
    private static Object value(JsonObject o, UserField f) {
        return switch (f.type()) {
            case TIME -> instant(o, f.column(), null);
            case TEXT -> string(o, f.column());
            case UUID -> {
                String s = string(o, f.column());
                yield s == null ? null : UUID.fromString(s);
            }
            case JSON -> map(o, f.column());
        };
    }

    private static String string(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : o.getString(key);
    }

    private static Map<String, Object> map(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return new LinkedHashMap<>();
        }
        return new LinkedHashMap<>(Json.readMap(v.asJsonObject().toString()));
    }

    /** RFC 3339, any offset; microseconds, as the databases store them. */
    private static Instant instant(JsonObject o, String key, Instant dflt) {
        String s = string(o, key);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return OffsetDateTime.parse(s).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " is not an RFC 3339 time");
        }
    }
}
