package io.nfidentity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * User management for server code (JAX-RS resources, EJBs, CDI beans, scheduled jobs): the {@code admin} export of
 * {@code @netlify/identity}. Inject it; it needs no request and no logged-in user, so guard the endpoints that expose
 * it with {@code @RolesAllowed}.
 */
public interface IdentityAdmin {

    /**
     * A page of users, newest first.
     *
     * @param page the page number, from 1
     * @param perPage users per page, 1 to 1000
     * @return the users of that page and the total number of users
     * @throws ValidationException (422) for a page below 1 or a size out of range
     */
    UserPage listUsers(int page, int perPage);

    /**
     * @param id the user's id
     * @return the user, or empty when no user has that id
     */
    Optional<User> getUser(UUID id);

    /**
     * @param email the address, in any case
     * @return the user, or empty when no user has that address
     */
    Optional<User> findByEmail(String email);

    /**
     * One page of {@link #listUsers(int, int)}.
     *
     * @param users the users of the page, in order
     * @param total how many users there are in all
     */
    record UserPage(List<User> users, long total) {
        /** Copies the list so the page cannot change afterwards. */
        public UserPage {
            users = List.copyOf(users);
        }
    }
}
