package io.nfidentity;

import java.util.List;
import java.util.Map;

/**
 * What {@link IdentityAdmin#updateUser(java.util.UUID, UserChanges)} changes. Every field is optional: {@code null}
 * leaves it as it is.
 *
 * <pre>{@code
 * Map<String, Object> meta = new HashMap<>();
 * meta.put("full_name", "Ada Lovelace");
 * meta.put("nickname", null);                  // deletes the key
 * admin.updateUser(id, UserChanges.none().userMetadata(meta).roles(List.of("admin")));
 * }</pre>
 *
 * @param email a new address
 * @param password a new password; ends all of the user's sessions
 * @param confirm {@code true} confirms the address now (if it was not confirmed)
 * @param role GoTrue's top-level role
 * @param roles replaces {@code app_metadata.roles}
 * @param appMetadata merged into {@code app_metadata} key by key; a {@code null} value deletes the key
 * @param userMetadata merged into {@code user_metadata} key by key; a {@code null} value deletes the key
 */
public record UserChanges(
        String email,
        String password,
        Boolean confirm,
        String role,
        List<String> roles,
        Map<String, Object> appMetadata,
        Map<String, Object> userMetadata) {

    /** @return no change at all */
    public static UserChanges none() {
        return new UserChanges(null, null, null, null, null, null, null);
    }

    public UserChanges email(String value) {
        return new UserChanges(value, password, confirm, role, roles, appMetadata, userMetadata);
    }

    public UserChanges password(String value) {
        return new UserChanges(email, value, confirm, role, roles, appMetadata, userMetadata);
    }

    public UserChanges confirm(boolean value) {
        return new UserChanges(email, password, value, role, roles, appMetadata, userMetadata);
    }

    public UserChanges role(String value) {
        return new UserChanges(email, password, confirm, value, roles, appMetadata, userMetadata);
    }

    public UserChanges roles(List<String> value) {
        return new UserChanges(email, password, confirm, role, value, appMetadata, userMetadata);
    }

    public UserChanges appMetadata(Map<String, Object> value) {
        return new UserChanges(email, password, confirm, role, roles, value, userMetadata);
    }

    public UserChanges userMetadata(Map<String, Object> value) {
        return new UserChanges(email, password, confirm, role, roles, appMetadata, value);
    }
}
