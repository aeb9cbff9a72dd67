package io.nfidentity.impl.rest.json;

import io.nfidentity.Notification;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Locale;

/** A notification as {@code GET /admin/notifications} lists it. */
@JsonbPropertyOrder({
    "id",
    "event",
    "receiver",
    "user_id",
    "state",
    "attempts",
    "created_at",
    "next_attempt_at",
    "delivered_at",
    "last_status",
    "last_error"
})
public record NotificationJson(
        @JsonbProperty("id") String id,
        @JsonbProperty("event") String event,
        @JsonbProperty("receiver") String receiver,
        @JsonbProperty("user_id") String userId,
        @JsonbProperty("state") String state,
        @JsonbProperty("attempts") int attempts,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("next_attempt_at") Instant nextAttemptAt,
        @JsonbProperty("delivered_at") Instant deliveredAt,
        @JsonbProperty("last_status") Integer lastStatus,
        @JsonbProperty("last_error") String lastError) {

    public static NotificationJson of(Notification n) {
        return new NotificationJson(
                n.id().toString(),
                n.event(),
                n.receiver(),
                n.userId() == null ? null : n.userId().toString(),
                n.state().name().toLowerCase(Locale.ROOT),
                n.attempts(),
                n.createdAt(),
                n.nextAttemptAt(),
                n.deliveredAt(),
                n.lastStatus(),
                n.lastError());
    }
}
