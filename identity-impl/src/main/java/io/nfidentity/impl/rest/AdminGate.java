package io.nfidentity.impl.rest;

import io.nfidentity.User;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.mechanism.BearerHeader;
import io.nfidentity.impl.session.RequestState;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.Claims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * Who may use the admin API: the bearer of a valid access token whose user holds the configured admin role <em>now,
 * in the database</em> (as GoTrue loads the admin user on every admin call: a demoted administrator's token, still
 * carrying the old role, grants nothing), or the configured operator token (compared in constant time). Cookies
 * alone are never enough ({@link Bearer}). Everyone else gets GoTrue's {@code 401 "User not allowed"}.
 */
@ApplicationScoped
public class AdminGate {
    private final IdentityConfig config;

    private final UserStore users;

    @Inject
    public AdminGate(IdentityConfig config, UserStore users) {
        this.config = config;
        this.users = users;
    }

    /** For the container's client proxy only. */
    protected AdminGate() {
        this(null, null);
    }

    void require(HttpServletRequest req) {
        BearerHeader.Parsed auth = BearerHeader.of(req);
        if (auth.isBearer()) {
            // with a bearer header the mechanism authenticated from it alone, never from cookies
            User caller = RequestState.user(req);
            if (caller != null && isAdmin(caller.id())) {
                return;
            }
            if (!config.operatorToken().isEmpty()
                    && MessageDigest.isEqual(
                            auth.token().getBytes(StandardCharsets.UTF_8),
                            config.operatorToken().getBytes(StandardCharsets.UTF_8))) {
                return;
            }
        }
        throw Problem.NOT_ADMIN.exception();
    }

    /**
     * Whether the stored user is an administrator: its {@code app_metadata.roles} holds the admin role, or its GoTrue
     * {@code role} is it (GoTrue's own check is {@code role == admin}). A deleted user is nothing.
     */
    boolean isAdmin(UUID userId) {
        return users.findById(userId)
                .map(u -> config.adminRole().equals(u.role())
                        || Claims.rolesOf(u.appMetadata()).contains(config.adminRole()))
                .orElse(false);
    }
}
