package io.nfidentity.impl.rest.filter;

import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.rest.GoTrueApplication;
import io.nfidentity.impl.rest.error.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * An application's own JAX-RS application scans the library too, and would serve our resources a second time under
 * its own path (say {@code /api/identity/admin/users}). They exist only under {@code /.netlify/identity}: anywhere
 * else, 404.
 */
@Provider
@GoTrueApi
public class GoTrueOnlyFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext ctx) {
        if (!ctx.getUriInfo().getBaseUri().getPath().endsWith(GoTrueApplication.PATH + "/")) {
            ctx.abortWith(ErrorBody.response(Problem.NOT_FOUND, null));
        }
    }
}
