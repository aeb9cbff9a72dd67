package io.nfidentity.impl.rest.json;

import io.nfidentity.Passkey;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A passkey as {@code GET /passkeys} and the admin API list it. */
@JsonbPropertyOrder({"id", "friendly_name", "backup_eligible", "backed_up", "created_at", "last_used_at"})
public record PasskeyJson(
        @JsonbProperty("id") String id,
        @JsonbProperty("friendly_name") String friendlyName,
        @JsonbProperty("backup_eligible") boolean backupEligible,
        @JsonbProperty("backed_up") boolean backedUp,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("last_used_at") Instant lastUsedAt) {

    public static PasskeyJson of(Passkey p) {
        return new PasskeyJson(
                p.id().toString(), p.friendlyName(), p.backupEligible(), p.backedUp(), p.createdAt(), p.lastUsedAt());
    }
}
