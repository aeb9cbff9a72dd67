package io.nfidentity.impl.store;

import io.nfidentity.impl.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user, described once: each field of {@code nf_users} a {@link UserRow} carries, with its column (also its name
 * in an export line), its type, and whether it moves with the user in an export and an import. The SQL of {@link
 * UserStore}, the row mapping, the export and the import all follow this list, so a new field is a migration and one
 * line here (read it with {@link UserRow#get}).
 */
public enum UserField {
    ID("id", Type.UUID, Transfer.OWN),
    AUD("aud", Type.TEXT, Transfer.OWN),
    ROLE("role", Type.TEXT, Transfer.OWN),
    EMAIL("email", Type.TEXT, Transfer.OWN),
    ENCRYPTED_PASSWORD("encrypted_password", Type.TEXT, Transfer.OWN),
    CONFIRMED_AT("confirmed_at", Type.TIME, Transfer.AS_IS),
    INVITED_AT("invited_at", Type.TIME, Transfer.AS_IS),
    CONFIRMATION_SENT_AT("confirmation_sent_at", Type.TIME, Transfer.NONE),
    RECOVERY_SENT_AT("recovery_sent_at", Type.TIME, Transfer.NONE),
    NEW_EMAIL("new_email", Type.TEXT, Transfer.NONE),
    EMAIL_CHANGE_SENT_AT("email_change_sent_at", Type.TIME, Transfer.NONE),
    LAST_SIGN_IN_AT("last_sign_in_at", Type.TIME, Transfer.AS_IS),
    /** How the user last signed in: {@code password}, a mailed link's kind, or a provider's name. */
    LAST_SIGN_IN_METHOD("last_sign_in_method", Type.TEXT, Transfer.AS_IS),
    APP_METADATA("app_metadata", Type.JSON, Transfer.OWN),
    USER_METADATA("user_metadata", Type.JSON, Transfer.OWN),
    CREATED_AT("created_at", Type.TIME, Transfer.OWN),
    UPDATED_AT("updated_at", Type.TIME, Transfer.OWN),
    BANNED_UNTIL("banned_until", Type.TIME, Transfer.AS_IS);

    /** How a field is stored and read. */
    public enum Type {
        UUID(java.util.UUID.class),
        TEXT(String.class),
        TIME(Instant.class),
        /** A JSON object, as a map; stored as text. */
        JSON(Map.class);

        private final Class<?> javaType;

        Type(Class<?> javaType) {
            this.javaType = javaType;
        }

        Object read(ResultSet rs, String column) throws SQLException {
            return switch (this) {
                case UUID -> rs.getObject(column, java.util.UUID.class);
                case TEXT -> rs.getString(column);
                case TIME -> Jdbc.instant(rs, column);
                case JSON -> Json.readMap(rs.getString(column));
            };
        }

        Object parameter(Object value) {
            return this == JSON ? Json.write(UserRow.map(value)) : value;
        }

        Object checked(UserField field, Object value) {
            if (value != null && !javaType.isInstance(value)) {
                throw new IllegalArgumentException(field + " takes " + javaType.getSimpleName() + ", not " + value);
            }
            return this == JSON ? new LinkedHashMap<>(UserRow.map(value)) : value;
        }
    }

    /** Whether an export writes the field and an import reads it back. */
    public enum Transfer {
        /** Written and read back as it is, by its type. */
        AS_IS,
        /** Written and read by the export and import themselves (identity, password, metadata, times they set). */
        OWN,
        /** State of a flow in progress (a mailed link), which does not move to another instance. */
        NONE
    }

    private final String column;
    private final Type type;
    private final Transfer transfer;

    UserField(String column, Type type, Transfer transfer) {
        this.column = column;
        this.type = type;
        this.transfer = transfer;
    }

    /** The column of {@code nf_users}, and the key of an export line. */
    public String column() {
        return column;
    }

    public Type type() {
        return type;
    }

    public Transfer transfer() {
        return transfer;
    }
}
