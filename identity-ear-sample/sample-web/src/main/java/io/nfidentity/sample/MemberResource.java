package io.nfidentity.sample;

import io.nfidentity.Identity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** For members: every user gets the role at signup (see {@link MemberRole}); the page client.html calls it. */
@Path("member-area")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {
    @Inject
    Identity identity;

    @GET
    @RolesAllowed("member")
    public Map<String, String> get() {
        return Map.of("welcome", identity.requireUser().email());
    }
}
