package io.nfidentity.bench.ping;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The same trivial answer twice: once open to anyone, once for the {@code admin} role. */
@Path("ping")
@ApplicationScoped
@Produces(MediaType.TEXT_PLAIN)
public class PingResource {
    @GET
    @Path("anon")
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
