package io.nfidentity.impl.rest.json;

import io.nfidentity.UserSession;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A live session in the session lists ({@code GET /user/sessions}, {@code GET /admin/users/{id}/sessions}):
 * snake_case like GoTrue's other objects; {@code current} marks the session of the caller's own token.
 */
@JsonbPropertyOrder({"id", "created_at", "refreshed_at", "method", "ip_address", "user_agent", "current"})
public record SessionJson(
        @JsonbProperty("id") String id,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("refreshed_at") Instant refreshedAt,
        @JsonbProperty("method") String method,
        @JsonbProperty("ip_address") String ipAddress,
        @JsonbProperty("user_agent") String userAgent,
        @JsonbProperty("current") boolean current) {

    /** Body of a list: {@code {"sessions":[...]}}. */
    public record SessionList(@JsonbProperty("sessions") List<SessionJson> sessions) {}

    public static SessionList of(List<UserSession> sessions, UUID currentSession) {
        return new SessionList(sessions.stream()
                .map(s -> new SessionJson(
                        s.id().toString(),
                        s.createdAt(),
                        s.refreshedAt(),
                        s.method(),
                        s.ipAddress(),
                        s.userAgent(),
                        s.id().equals(currentSession)))
                .toList());
    }
}
