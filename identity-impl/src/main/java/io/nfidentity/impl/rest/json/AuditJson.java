package io.nfidentity.impl.rest.json;

import io.nfidentity.AuditEntry;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * GoTrue's audit log entry: {@code id}, {@code payload} (actor, action, {@code log_type}, {@code traits},
 * {@code timestamp}), {@code created_at}, {@code ip_address}. As in GoTrue, an entry about another user than its
 * actor names that user in {@code traits.user_id} and {@code traits.user_email}.
 */
@JsonbPropertyOrder({"id", "payload", "created_at", "ip_address"})
public record AuditJson(
        @JsonbProperty("id") String id,
        @JsonbProperty("payload") Map<String, Object> payload,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("ip_address") String ipAddress) {

    public static AuditJson of(AuditEntry e) {
        Map<String, Object> traits = new LinkedHashMap<>(e.traits());
        if (e.targetId() != null && !Objects.equals(e.targetId(), e.actorId())) {
            traits.put("user_id", e.targetId().toString());
            traits.put("user_email", e.targetEmail());
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("actor_id", e.actorId() == null ? "" : e.actorId().toString());
        payload.put("actor_username", e.actorEmail() == null ? "" : e.actorEmail());
        payload.put("action", e.action().code());
        payload.put("log_type", e.action().logType());
        payload.put("traits", traits);
        payload.put("timestamp", e.createdAt().toString());
        return new AuditJson(e.id().toString(), payload, e.createdAt(), e.ipAddress() == null ? "" : e.ipAddress());
    }
}
