package io.nfidentity.impl.rest.error;

import io.nfidentity.IdentityException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every {@link IdentityException} as JSON; the message is public, the cause goes only to the log.
 *
 * <p>The one provider the application's own JAX-RS scan also picks up: an application resource that calls
 * {@code identity.requireUser()}, or a CDI bean refused by the role interceptor, answers 401/403 in the same JSON.
 * It maps only the module's own exception type, and at a lower priority than the default, so an application's own
 * mapper for it wins.
 */
@Provider
@Priority(Priorities.USER + 1000)
public class IdentityExceptionMapper implements ExceptionMapper<IdentityException> {
    @Override
    public Response toResponse(IdentityException e) {
        return ErrorResponses.gotrue(e);
    }
}
