package io.nfidentity.sample;

import io.nfidentity.Identity;
import io.nfidentity.RequiresFactor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * For members who verified a second factor in this session: {@code @RequiresFactor} answers 403
 * {@code insufficient_aal} to a session at level 1, beside {@code @RolesAllowed}, which checks the role as before.
 */
@Path("factor-area")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FactorResource {
    @Inject
    Identity identity;

    @GET
    @RolesAllowed("member")
    @RequiresFactor
    public Map<String, String> get() {
        return Map.of(
                "welcome",
                identity.requireUser().email(),
                "aal",
                identity.assuranceLevel().claim());
    }
}
