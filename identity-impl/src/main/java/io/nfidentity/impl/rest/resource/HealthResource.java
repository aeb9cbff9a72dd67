package io.nfidentity.impl.rest.resource;

import io.nfidentity.impl.health.Health;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * GoTrue's {@code GET /health}: its body as GoTrue has it ({@code version}, {@code name}, {@code description}), with
 * 200 while the node is ready and 503 while it is not (the database away, the keys not read), so the load balancers
 * that already poll it stop sending requests to a node that cannot serve them. What is down is not said here: anyone
 * may call it. The server's MicroProfile Health endpoints say (see {@code HealthChecks}).
 */
@Path("identity/health")
@GoTrueApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    static final Map<String, String> BODY = Map.of(
            "version",
            "0.1.0",
            "name",
            "nf-identity",
            "description",
            "nf-identity is a GoTrue-compatible identity API for Jakarta EE");

    @Inject
    Health health;

    @GET
    public Response health() {
        return Response.status(health.readiness().up() ? 200 : 503)
                .entity(BODY)
                .header("Cache-Control", "no-store")
                .build();
    }
}
