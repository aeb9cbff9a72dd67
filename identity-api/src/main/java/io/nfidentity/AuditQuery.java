package io.nfidentity;

import java.time.Instant;
import java.util.UUID;

/**
 * What {@link IdentityAdmin#auditLog(AuditQuery)} lists, newest first. Start with {@link #firstPage(int)} and refine:
 *
 * <pre>{@code
 * admin.auditLog(AuditQuery.firstPage(100).user(id).action(AuditAction.LOGIN_FAILED).since(yesterday));
 * admin.auditLog(AuditQuery.firstPage(100).after(previous.nextCursor()));
 * }</pre>
 *
 * @param perPage entries per page, 1 to 1000
 * @param page the page number from 1 (ignored when a cursor is given)
 * @param cursor the {@link IdentityAdmin.AuditPage#nextCursor()} of the previous page, or {@code null}
 * @param user only entries whose target is this user, or {@code null}
 * @param action only entries of this action, or {@code null}
 * @param from only entries at or after this instant, or {@code null}
 * @param to only entries before this instant, or {@code null}
 * @param search matches, without regard to case, anywhere in the actor's address or the action's code (GoTrue's
 *     {@code query}); {@code null} or blank for all
 * @param includeTotal also count all matching entries (costs a count query)
 */
public record AuditQuery(
        int perPage,
        int page,
        String cursor,
        UUID user,
        AuditAction action,
        Instant from,
        Instant to,
        String search,
        boolean includeTotal) {

    /** @return the first page of every entry, newest first */
    public static AuditQuery firstPage(int perPage) {
        return new AuditQuery(perPage, 1, null, null, null, null, null, null, false);
    }

    /** @return this query at another page number */
    public AuditQuery page(int number) {
        return new AuditQuery(perPage, number, cursor, user, action, from, to, search, includeTotal);
    }

    /** @return this query continuing after the page that returned {@code nextCursor} */
    public AuditQuery after(String nextCursor) {
        return new AuditQuery(perPage, page, nextCursor, user, action, from, to, search, includeTotal);
    }

    /** @return this query limited to entries about one user */
    public AuditQuery user(UUID id) {
        return new AuditQuery(perPage, page, cursor, id, action, from, to, search, includeTotal);
    }

    /** @return this query limited to one action */
    public AuditQuery action(AuditAction what) {
        return new AuditQuery(perPage, page, cursor, user, what, from, to, search, includeTotal);
    }

    /** @return this query limited to entries at or after {@code start} */
    public AuditQuery since(Instant start) {
        return new AuditQuery(perPage, page, cursor, user, action, start, to, search, includeTotal);
    }

    /** @return this query limited to entries before {@code end} */
    public AuditQuery until(Instant end) {
        return new AuditQuery(perPage, page, cursor, user, action, from, end, search, includeTotal);
    }

    /** @return this query filtered by a search string */
    public AuditQuery search(String text) {
        return new AuditQuery(perPage, page, cursor, user, action, from, to, text, includeTotal);
    }

    /** @return this query with the total count of matching entries */
    public AuditQuery withTotal() {
        return new AuditQuery(perPage, page, cursor, user, action, from, to, search, true);
    }
}
