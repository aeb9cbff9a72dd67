package io.nfidentity.impl.rest.filter;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.rest.GoTrueApplication;
import io.nfidentity.impl.rest.error.ErrorBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * {@code nf.identity.rest.enabled=false}: the GoTrue API answers nothing but 404, for applications that want only the
 * authentication mechanism and the Java API. Registered only in {@link GoTrueApplication}.
 */
@PreMatching
@ApplicationScoped // a bean for injection, but no @Provider: the application's own JAX-RS scan must not take it
public class DisabledApiFilter implements ContainerRequestFilter {
    @Inject
    IdentityConfig config;

    @Override
    public void filter(ContainerRequestContext req) {
        if (!config.exposure().restEnabled()) {
            req.abortWith(ErrorBody.response(Problem.NOT_FOUND, null));
        }
    }
}
