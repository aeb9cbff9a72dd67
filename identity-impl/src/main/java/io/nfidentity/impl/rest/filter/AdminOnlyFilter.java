package io.nfidentity.impl.rest.filter;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Enforces {@link AdminOnly} before the resource method runs (and before its body is read). A {@code @Provider},
 * like {@link GoTrueOnlyFilter}, so that the copy of the admin resources an application's own JAX-RS scan serves is
 * guarded too; it runs after that filter, so the copy answers 404 rather than 401. Not a CDI bean (the JAX-RS runtime
 * makes it and injects the request and the matched resource), so {@link AdminGate} is looked up once.
 */
@Provider
@AdminOnly
@Priority(Priorities.USER + 100)
public class AdminOnlyFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest request;

    private volatile AdminGate gate;

    @Override
    public void filter(ContainerRequestContext ctx) {
        AdminOnly rule = resource.getResourceMethod().getAnnotation(AdminOnly.class);
        if (rule == null) {
            rule = resource.getResourceClass().getAnnotation(AdminOnly.class);
        }
        if (rule != null && rule.recentLogin()) {
            gate().requireRecentLogin(request);
        } else {
            gate().require(request);
        }
    }

    private AdminGate gate() {
        AdminGate g = gate;
        if (g == null) {
            g = CDI.current().select(AdminGate.class).get();
            gate = g;
        }
        return g;
    }
}
