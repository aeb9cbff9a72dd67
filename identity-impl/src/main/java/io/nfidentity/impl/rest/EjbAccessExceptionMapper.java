package io.nfidentity.impl.rest;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An EJB's {@code @RolesAllowed} refusal, reaching a JAX-RS resource: 401 when anonymous, else 403. */
@Provider
public class EjbAccessExceptionMapper implements ExceptionMapper<EJBAccessException> {
    @Context
    SecurityContext security;

    @Override
    public Response toResponse(EJBAccessException e) {
        if (security == null || security.getUserPrincipal() == null) {
            return Response.fromResponse(ErrorBody.response(401, "not_authenticated", "Authentication required", e))
                    .header("WWW-Authenticate", "Bearer")
                    .build();
        }
        return ErrorBody.response(403, "forbidden", "Forbidden", e);
    }
}
