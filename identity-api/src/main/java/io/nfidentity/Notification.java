package io.nfidentity;

import java.time.Instant;
import java.util.UUID;

/**
 * One asynchronous notification: one lifecycle event for one receiver ({@code nf.identity.notify.urls}), as
 * {@link IdentityAdmin#notifications} lists it. Its {@link #id()} is the delivery id every try carries (the
 * {@code webhook-id} header and {@code id} in the body), by which a receiver drops a repeat.
 *
 * @param id the delivery id
 * @param event the event, an {@link AuditAction#code()} such as {@code user_signedup}
 * @param receiver the receiver's origin (scheme, host, port): never its path or query, which may hold a token
 * @param userId the user the event is about, or {@code null}
 * @param state where its delivery stands
 * @param attempts the tries made so far (a retry starts again at zero)
 * @param createdAt when the action committed it
 * @param nextAttemptAt when a pending notification is tried next; {@code null} otherwise
 * @param deliveredAt when the receiver took it, or {@code null}
 * @param lastStatus the receiver's last HTTP status, or {@code null} when it did not answer
 * @param lastError why the last try failed ({@code HTTP 500}, {@code no answer within the timeout}, ...), or
 *     {@code null}
 */
public record Notification(
        UUID id,
        String event,
        String receiver,
        UUID userId,
        State state,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant deliveredAt,
        Integer lastStatus,
        String lastError) {

    /** Where a notification's delivery stands. */
    public enum State {
        /** Not delivered yet: due at {@link #nextAttemptAt()}, or being sent. */
        PENDING,
        /** A receiver answered 2xx. */
        DELIVERED,
        /** Given up after {@code nf.identity.notify.attempts}; {@link IdentityAdmin#retryNotification} sends it again. */
        FAILED
    }
}
