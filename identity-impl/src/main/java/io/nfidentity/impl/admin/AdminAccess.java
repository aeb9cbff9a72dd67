package io.nfidentity.impl.admin;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.Claims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** What the admin API's gate asks the database: whether a user is an administrator now. */
@ApplicationScoped
public class AdminAccess {
    private final IdentityConfig config;

    private final UserStore users;

    @Inject
    public AdminAccess(IdentityConfig config, UserStore users) {
        this.config = config;
        this.users = users;
    }

    /** For the container's client proxy only. */
    protected AdminAccess() {
        this(null, null);
    }

    /**
     * Whether the stored user is an administrator: its {@code app_metadata.roles} holds the admin role, or its GoTrue
     * {@code role} is it (GoTrue's own check is {@code role == admin}). A deleted user is nothing.
     */
    public boolean isAdmin(UUID userId) {
        return users.findById(userId)
                .map(u -> config.accounts().adminRole().equals(u.role())
                        || Claims.rolesOf(u.appMetadata())
                                .contains(config.accounts().adminRole()))
                .orElse(false);
    }
}
