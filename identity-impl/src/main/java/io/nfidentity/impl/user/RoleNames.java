package io.nfidentity.impl.user;

import io.nfidentity.ValidationException;
import java.util.List;

/**
 * Role names as the container will see them (and as the {@code role} column stores them): 1 to 255 characters, no
 * control characters. PostgreSQL refuses a NUL in text, and a role nobody can type in {@code @RolesAllowed} is a
 * mistake, so both are a 422 here rather than a 500 at the database.
 */
public final class RoleNames {
    static final int MAX_LENGTH = 255;

    private RoleNames() {}

    /** @return the name, unchanged; {@code null} stays {@code null} (no change) */
    public static String check(String role) {
        if (role == null) {
            return null;
        }
        if (role.isBlank() || role.length() > MAX_LENGTH || role.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("A role is 1 to " + MAX_LENGTH + " characters, without control characters");
        }
        return role;
    }

    /** @return the list, unchanged; {@code null} stays {@code null} */
    public static List<String> check(List<String> roles) {
        if (roles != null) {
            roles.forEach(r -> {
                if (r == null) {
                    throw new ValidationException("A role cannot be null");
                }
                check(r);
            });
        }
        return roles;
    }
}
