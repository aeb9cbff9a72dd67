package io.nfidentity;

/**
 * What {@link IdentityAdmin#listUsers(UserQuery)} lists. Start with {@link #firstPage(int)} and refine:
 *
 * <pre>{@code
 * admin.listUsers(UserQuery.firstPage(50).search("ada").oldestFirst());
 * admin.listUsers(UserQuery.firstPage(50).after(previous.nextCursor()));
 * }</pre>
 *
 * @param perPage users per page, 1 to 1000
 * @param page the page number from 1 (ignored when a cursor is given)
 * @param cursor the {@link IdentityAdmin.UserPage#nextCursor()} of the previous page, or {@code null}
 * @param search matches, without regard to case, anywhere in the email address or in
 *     {@code user_metadata.full_name} (as GoTrue's {@code filter}); {@code null} or blank for all users
 * @param ascending sort by creation time ascending (oldest first) instead of newest first
 * @param includeTotal also count all matching users (costs a count query)
 */
public record UserQuery(int perPage, int page, String cursor, String search, boolean ascending, boolean includeTotal) {

    /** @return the first page of all users, newest first, without the total */
    public static UserQuery firstPage(int perPage) {
        return new UserQuery(perPage, 1, null, null, false, false);
    }

    /** @return this query at another page number */
    public UserQuery page(int number) {
        return new UserQuery(perPage, number, cursor, search, ascending, includeTotal);
    }

    /** @return this query continuing after the page that returned {@code nextCursor} */
    public UserQuery after(String nextCursor) {
        return new UserQuery(perPage, page, nextCursor, search, ascending, includeTotal);
    }

    /** @return this query filtered by a search string */
    public UserQuery search(String text) {
        return new UserQuery(perPage, page, cursor, text, ascending, includeTotal);
    }

    /** @return this query sorted oldest first */
    public UserQuery oldestFirst() {
        return new UserQuery(perPage, page, cursor, search, true, includeTotal);
    }

    /** @return this query with the total count of matching users */
    public UserQuery withTotal() {
        return new UserQuery(perPage, page, cursor, search, ascending, true);
    }
}
