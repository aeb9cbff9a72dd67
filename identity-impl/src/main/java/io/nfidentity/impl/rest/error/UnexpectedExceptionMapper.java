package io.nfidentity.impl.rest.error;

import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.error.StoreException;
import io.nfidentity.impl.rest.GoTrueApplication;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Anything unforeseen in the GoTrue API becomes a 500 in GoTrue's shape with an {@code error_id}, never an HTML page
 * with a stack trace. Registered only in {@link GoTrueApplication} (no {@code @Provider}): an application's own API
 * keeps its own handling of its own exceptions.
 */
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException w) {
            return new WebApplicationExceptionMapper().toResponse(w);
        }
        if (StoreException.unreachable(e)) {
            // a commit that failed as the database went away: as temporary as any other outage
            return new IdentityExceptionMapper().toResponse(StoreException.outage(e));
        }
        return ErrorBody.response(Problem.INTERNAL_ERROR, e);
    }
}
