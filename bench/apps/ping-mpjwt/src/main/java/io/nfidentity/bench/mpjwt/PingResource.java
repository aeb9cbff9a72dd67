package io.nfidentity.bench.mpjwt;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The same resource as in ping-nf, behind MP-JWT. */
@Path("ping")
@ApplicationScoped
@Produces(MediaType.TEXT_PLAIN)
public class PingResource {
    @GET
    @Path("anon")
    @PermitAll
    public String anonymous() {
        return "pong";
    }

    @GET
    @Path("member")
    @RolesAllowed("admin")
    public String member() {
        return "pong";
    }
}
