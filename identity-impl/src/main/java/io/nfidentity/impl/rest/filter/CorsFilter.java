package io.nfidentity.impl.rest.filter;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.rest.GoTrueApplication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * CORS for the GoTrue API: the methods and headers Netlify's clients use (gotrue-js always sends {@code X-Nf-Client}),
 * for origins in {@code nf.identity.allowed-origins}. Same-origin requests need none of this. Registered only in
 * {@link GoTrueApplication}, so the application's own API keeps its own CORS policy.
 */
@PreMatching
@ApplicationScoped // a bean for injection, but no @Provider: the application's own JAX-RS scan must not take it
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String METHODS = "GET, POST, PUT, DELETE";
    static final String HEADERS = "Accept, Authorization, Content-Type, X-JWT-AUD, X-Use-Cookie, X-Nf-Client";

    @Inject
    IdentityConfig config;

    @Override
    public void filter(ContainerRequestContext req) {
        if ("OPTIONS".equals(req.getMethod()) && req.getHeaderString("Access-Control-Request-Method") != null) {
            String origin = allowedOrigin(req);
            Response.ResponseBuilder r = Response.noContent();
            if (origin != null) {
                r.header("Access-Control-Allow-Origin", origin)
                        .header("Access-Control-Allow-Credentials", "true")
                        .header("Access-Control-Allow-Methods", METHODS)
                        .header("Access-Control-Allow-Headers", HEADERS)
                        .header("Access-Control-Max-Age", "86400");
            }
            req.abortWith(r.header("Vary", "Origin").build());
        }
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        String origin = allowedOrigin(req);
        if (origin != null && !res.getHeaders().containsKey("Access-Control-Allow-Origin")) {
            res.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            res.getHeaders().putSingle("Access-Control-Allow-Credentials", "true");
            res.getHeaders().add("Vary", "Origin");
        }
    }

    private String allowedOrigin(ContainerRequestContext req) {
        String origin = req.getHeaderString("Origin");
        if (origin == null) {
            return null;
        }
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return config.exposure().allowedOrigins().stream().anyMatch(a -> a.equalsIgnoreCase(o)) ? origin : null;
    }
}
