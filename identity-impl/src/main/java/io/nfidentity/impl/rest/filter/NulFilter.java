package io.nfidentity.impl.rest.filter;

import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.rest.error.ErrorBody;
import io.nfidentity.impl.rest.error.ErrorResponses;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * 400 for a path or query that holds a NUL character ({@code %00}) once decoded. No id, key id or parameter of this
 * API may hold one, and PostgreSQL refuses it in any text, so such a value would otherwise reach a query and fail
 * there as a 500 (found by ContractIT's fuzz run on PostgreSQL: {@code POST /admin/keys/%00/promote}). No
 * {@code @Provider}: registered only in {@link io.nfidentity.impl.rest.GoTrueApplication}, never by an application's
 * own scan.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class NulFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext ctx) {
        var uri = ctx.getUriInfo();
        boolean nul = uri.getPath(true).indexOf('\u0000') >= 0
                || uri.getQueryParameters(true).entrySet().stream()
                        .anyMatch(e -> e.getKey().indexOf('\u0000') >= 0
                                || e.getValue().stream().anyMatch(v -> v.indexOf('\u0000') >= 0));
        if (nul) {
            // the token endpoint speaks OAuth's errors, as everywhere else on it
            ctx.abortWith(
                    uri.getPath().endsWith("identity/token")
                            ? ErrorResponses.oauth("invalid_request", Problem.NUL_IN_REQUEST.message())
                            : ErrorBody.response(Problem.NUL_IN_REQUEST, null));
        }
    }
}
