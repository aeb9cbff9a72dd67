package io.nfidentity;

import java.time.Instant;
import java.util.UUID;

/**
 * One live session of a user: a login (or a followed mail link) and the refresh tokens rotated from it. Access tokens
 * carry its id as {@code session_id}.
 *
 * @param id the session's id
 * @param createdAt when it started
 * @param refreshedAt when its refresh token was last rotated (its start, if never)
 * @param method how it started: {@code password}, {@code signup} (confirmed at once), {@code confirmation},
 *     {@code invite} or {@code recovery}
 * @param ipAddress the client's address at the start, as the server saw it, or {@code null}
 * @param userAgent the {@code User-Agent} at the start, printable ASCII, at most 200 characters, or {@code null}
 */
public record UserSession(
        UUID id, Instant createdAt, Instant refreshedAt, String method, String ipAddress, String userAgent) {}
