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
 * Who may use the admin API: a bearer token of a user holding the configured admin role, or the configured operator
 * token (compared in constant time). Cookies alone are not enough (see {@link Bearer}). Everyone else gets GoTrue's {@code 401 "User not allowed"}.
 */
@ApplicationScoped
public class AdminGate {
    @Inject
    IdentityConfig config;

    void require(SecurityContext security, HttpHeaders headers) {
        String auth = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean bearer = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7);
        // bearer only, as GoTrue: when the header is there the mechanism authenticated from it and never from cookies
        if (bearer
                && security != null
                && security.getUserPrincipal() != null
                && security.isUserInRole(config.adminRole())) {
            return;
        }
        if (!config.operatorToken().isEmpty()) {
            if (bearer) {
                byte[] presented = auth.substring(7).trim().getBytes(StandardCharsets.UTF_8);
                if (MessageDigest.isEqual(presented, config.operatorToken().getBytes(StandardCharsets.UTF_8))) {
                    return;
                }
            }
        }
        throw new IdentityException(401, "not_admin", "User not allowed");
    }
}
