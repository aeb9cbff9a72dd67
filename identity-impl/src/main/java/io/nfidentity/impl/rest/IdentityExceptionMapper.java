package io.nfidentity.impl.rest;

import io.nfidentity.IdentityException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every {@link IdentityException} as JSON; the message is public, the cause goes only to the log. */
@Provider
public class IdentityExceptionMapper implements ExceptionMapper<IdentityException> {
    @Override
    public Response toResponse(IdentityException e) {
        Response r =
                ErrorBody.response(e.status(), e.errorCode(), e.getMessage(), e.getCause() != null ? e.getCause() : e);
        if (e instanceof io.nfidentity.impl.limit.RateLimiter.TooManyRequestsException limited) {
            return Response.fromResponse(r)
                    .header("Retry-After", limited.retryAfterSeconds())
                    .build();
        }
        if (e.status() == 503) {
            // busy hashing slots or an unreachable database: both pass within seconds
            return Response.fromResponse(r).header("Retry-After", 5).build();
        }
        if (e.status() == 401) {
            return Response.fromResponse(r).header("WWW-Authenticate", "Bearer").build();
        }
        return r;
    }
}
