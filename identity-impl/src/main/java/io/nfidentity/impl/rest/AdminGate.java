package io.nfidentity.impl.rest;

import io.nfidentity.IdentityException;
import io.nfidentity.impl.config.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may use the admin API: a caller holding the configured admin role, or a request bearing the configured operator
 * token (compared in constant time). Everyone else gets GoTrue's {@code 401 "User not allowed"}.
 */
@ApplicationScoped
public class AdminGate {
    @Inject
    IdentityConfig config;

    void require(SecurityContext security, HttpHeaders headers) {
        if (security != null && security.getUserPrincipal() != null && security.isUserInRole(config.adminRole())) {
            return;
        }
        if (!config.operatorToken().isEmpty()) {
            String auth = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                byte[] presented = auth.substring(7).trim().getBytes(StandardCharsets.UTF_8);
                if (MessageDigest.isEqual(presented, config.operatorToken().getBytes(StandardCharsets.UTF_8))) {
                    return;
                }
            }
        }
        throw new IdentityException(401, "not_admin", "User not allowed");
    }
}
