package io.nfidentity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of the audit log: what happened, to whom, by whom, from where. Written in the same transaction as the
 * action it records, so an action that rolled back left no entry, and an entry means the action happened. Never holds
 * a password, a token or a hash.
 *
 * @param id the entry's id
 * @param createdAt when
 * @param actorId who did it: the user, an administrator; {@code null} for the operator (the operator token, or server
 *     code with no logged-in user) and for refused attempts that name no user
 * @param actorEmail the actor's address; {@code "operator"} for the operator; for a failed login of an unknown
 *     address, the address that was tried; {@code null} when no one is known
 * @param action what
 * @param targetId the user it was done to (the actor itself for a user's own actions); {@code null} when none
 * @param targetEmail the target's address at the time
 * @param ipAddress the client's address as the server saw it, or {@code null} outside an HTTP request
 * @param traits small details (reason, scope, changed fields, old and new roles); never secrets
 */
public record AuditEntry(
        UUID id,
        Instant createdAt,
        UUID actorId,
        String actorEmail,
        AuditAction action,
        UUID targetId,
        String targetEmail,
        String ipAddress,
        Map<String, Object> traits) {

    /** The {@link #actorEmail()} of entries made with the operator token or by server code. */
    public static final String OPERATOR = "operator";

    /** Copies the traits so the entry cannot change afterwards. */
    public AuditEntry {
        traits = traits == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(traits));
    }
}
