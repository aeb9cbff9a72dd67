package io.nfidentity.impl.rest.resource;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.metrics.Metrics;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: the module's metrics in Prometheus' text format, for a Prometheus that scrapes with
 * {@code nf.identity.metrics.token} as its bearer token (a token of its own: Prometheus' configuration is not the place
 * for the operator token, which administers users). Off (404, as any unknown path) while no token is configured;
 * 401 {@code no_authorization} for a missing or wrong token, compared in constant time. It answers any {@code Host},
 * as the health check does: Prometheus scrapes nodes by address.
 */
@Path("identity/metrics")
@GoTrueApi
@RequestScoped
public class MetricsResource {
    @Inject
    IdentityConfig config;

    @Inject
    Metrics metrics;

    @Context
    HttpServletRequest request;

    @GET
    public Response scrape() {
        String token = config.exposure().metricsToken();
        if (token.isEmpty()) {
            throw Problem.NOT_FOUND.exception();
        }
        String header = request.getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : "";
        if (!MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw Problem.NO_AUTHORIZATION.exception();
        }
        StreamingOutput body = metrics::write;
        return Response.ok(body, Metrics.CONTENT_TYPE)
                .header("Cache-Control", "no-store")
                .build();
    }
}
