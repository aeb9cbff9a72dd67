package io.nfidentity.impl.rest.json;

import io.nfidentity.ValidationException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** The bodies of the passkey endpoints, checked before anything is looked up. */
public final class PasskeyBodies {
    private PasskeyBodies() {}

    /**
     * {@code {credential, friendly_name?}}: the browser's {@code PublicKeyCredential} as JSON text, for webauthn4j.
     *
     * @param friendlyName the name for a new passkey, or {@code null}
     */
    public record Credential(String json, String friendlyName) {
        public static Credential read(JsonObject body) {
            JsonObject b = JsonBodies.require(body);
            JsonValue credential = b.get("credential");
            if (credential == null || credential.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new ValidationException("credential must be the PublicKeyCredential as JSON");
            }
            return new Credential(credential.toString(), JsonBodies.string(b, "friendly_name"));
        }
    }

    /** {@code PATCH /passkeys/{id}}: {@code {friendly_name}}. */
    public record Rename(String friendlyName) {
        public static Rename read(JsonObject body) {
            String name = JsonBodies.string(JsonBodies.require(body), "friendly_name");
            if (name == null || name.isBlank()) {
                throw new ValidationException("friendly_name is required");
            }
            return new Rename(name);
        }
    }
}
