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
 */
public record NewUser(
        String email,
        String password,
        boolean confirmed,
        Map<String, Object> appMetadata,
        Map<String, Object> userMetadata,
        List<String> roles,
        String role) {

    /** @return an unconfirmed user with this address, no password, no metadata, no roles and no role */
    public static NewUser of(String email) {
        return new NewUser(email, null, false, Map.of(), Map.of(), List.of(), null);
    }

    public NewUser password(String value) {
        return new NewUser(email, value, confirmed, appMetadata, userMetadata, roles, role);
    }

    public NewUser confirmed(boolean value) {
        return new NewUser(email, password, value, appMetadata, userMetadata, roles, role);
    }

    public NewUser appMetadata(Map<String, Object> value) {
        return new NewUser(email, password, confirmed, value, userMetadata, roles, role);
    }

    public NewUser userMetadata(Map<String, Object> value) {
        return new NewUser(email, password, confirmed, appMetadata, value, roles, role);
    }

    public NewUser roles(List<String> value) {
        return new NewUser(email, password, confirmed, appMetadata, userMetadata, value, role);
    }

    public NewUser role(String value) {
        return new NewUser(email, password, confirmed, appMetadata, userMetadata, roles, value);
    }
}
