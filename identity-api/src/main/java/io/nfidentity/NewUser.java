package io.nfidentity;

import java.util.List;
import java.util.Map;

/**
 * The fields of a user {@link IdentityAdmin#createUser(NewUser) created by an administrator}.
 *
 * <pre>{@code
 * admin.createUser(NewUser.of("ada@example.com").password("s3cret-pass").confirmed(true).roles(List.of("editor")));
 * }</pre>
 *
 * @param email the address, unique without regard to case
 * @param password the password, or {@code null} for a user who cannot log in until one is set
 * @param confirmed whether the address counts as confirmed at once
 * @param appMetadata initial {@code app_metadata}; {@code provider} is always {@code "email"}
 * @param userMetadata initial {@code user_metadata}
 * @param roles {@code app_metadata.roles}; replaces any given in {@code appMetadata}
 * @param role GoTrue's top-level {@code role}, or {@code null}; equal to the admin role, it makes an administrator of
 *     the REST API (GoTrue's own check), but it is not one of the caller's groups for {@code @RolesAllowed}
 * @param passwordHash instead of a password, an existing hash brought from another system (bcrypt, Argon2id, Argon2i
 *     or PBKDF2-SHA256, see {@link IdentityAdmin#createUser}); the first login rehashes it to the configured Argon2id
 */
public record NewUser(
        String email,
        String password,
        boolean confirmed,
        Map<String, Object> appMetadata,
        Map<String, Object> userMetadata,
        List<String> roles,
        String role,
        String passwordHash) {

    /** @return an unconfirmed user with this address, no password, no metadata, no roles and no role */
    public static NewUser of(String email) {
        return new NewUser(email, null, false, Map.of(), Map.of(), List.of(), null, null);
    }

    public NewUser password(String value) {
        return new NewUser(email, value, confirmed, appMetadata, userMetadata, roles, role, passwordHash);
    }

    public NewUser confirmed(boolean value) {
        return new NewUser(email, password, value, appMetadata, userMetadata, roles, role, passwordHash);
    }

    public NewUser appMetadata(Map<String, Object> value) {
        return new NewUser(email, password, confirmed, value, userMetadata, roles, role, passwordHash);
    }

    public NewUser userMetadata(Map<String, Object> value) {
        return new NewUser(email, password, confirmed, appMetadata, value, roles, role, passwordHash);
    }

    public NewUser roles(List<String> value) {
        return new NewUser(email, password, confirmed, appMetadata, userMetadata, value, role, passwordHash);
    }

    /** @return this user with an imported password hash instead of a password */
    public NewUser passwordHash(String value) {
        return new NewUser(email, password, confirmed, appMetadata, userMetadata, roles, role, value);
    }

    public NewUser role(String value) {
        return new NewUser(email, password, confirmed, appMetadata, userMetadata, roles, value, passwordHash);
    }
}
