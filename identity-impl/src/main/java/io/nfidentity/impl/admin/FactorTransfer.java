package io.nfidentity.impl.admin;

import io.nfidentity.ValidationException;
import io.nfidentity.impl.store.FactorStore.FactorRow;
import io.nfidentity.impl.token.SecretSeal;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Second factors in an export line and back: a user moved to another installation keeps the authenticator. Only a
 * verified TOTP factor travels, and only in an export that carries password hashes (its secret is as good as a
 * password's hash to whoever reads the file); it is opened for the file, since another installation has another
 * key-encryption key, and sealed again by the import.
 */
final class FactorTransfer {
    private static final int MAX_FACTORS = 10;

    private FactorTransfer() {}

    /** The line's {@code factors}: type, name, secret in base32, when it was added. */
    static List<Map<String, Object>> exported(List<FactorRow> rows, SecretSeal seal) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (FactorRow f : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("factor_type", f.type());
            if (f.friendlyName() != null) {
                m.put("friendly_name", f.friendlyName());
            }
            m.put("secret", seal.open(f.id().toString(), f.secret()));
            m.put("created_at", f.createdAt().toString());
            out.add(m);
        }
        return out;
    }

    /**
     * An import line's {@code factors} as rows for the user, verified, their secrets sealed; empty when it has none.
     *
     * @throws ValidationException for anything but TOTP factors with a base32 secret of 80 to 640 bits, or too many
     */
    static List<FactorRow> imported(JsonObject line, UUID userId, SecretSeal seal, Instant now) {
        JsonValue v = line.get("factors");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        JsonArray list = v.asJsonArray();
        if (list.size() > MAX_FACTORS) {
            throw new ValidationException("at most " + MAX_FACTORS + " factors");
        }
        List<FactorRow> rows = new ArrayList<>(list.size());
        for (JsonValue item : list) {
            JsonObject f = item.asJsonObject();
            if (!"totp".equals(f.getString("factor_type", null))) {
                throw new ValidationException("a factor's factor_type must be totp");
            }
            String secret =
                    f.getString("secret", "").replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
            if (!secret.matches("[A-Z2-7]{16,128}")) {
                throw new ValidationException("a factor's secret must be base32, 16 to 128 characters");
            }
            String name = f.getString("friendly_name", null);
            if (name != null && (name.length() > 100 || name.chars().anyMatch(Character::isISOControl))) {
                throw new ValidationException("a factor's friendly_name must be at most 100 printable characters");
            }
            UUID id = UUID.randomUUID();
            rows.add(new FactorRow(id, userId, "totp", name, seal.seal(id.toString(), secret), true, null, now, now));
        }
        return rows;
    }
}
