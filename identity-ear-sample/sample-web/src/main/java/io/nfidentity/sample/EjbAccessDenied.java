package io.nfidentity.sample;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * The sample's own answer when an EJB's {@code @RolesAllowed} refuses a caller: 401 for anonymous callers, 403
 * otherwise, in the same JSON shape as nf-identity's errors. nf-identity maps only its own exceptions in an
 * application; how the application answers anything else (here: the EJB container's refusal) is the application's.
 */
@Provider
public class EjbAccessDenied implements ExceptionMapper<EJBAccessException> {
    @Context
    SecurityContext security;

    @Override
    public Response toResponse(EJBAccessException e) {
        boolean anonymous = security == null || security.getUserPrincipal() == null;
        Response.ResponseBuilder r = Response.status(anonymous ? 401 : 403)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(
                        anonymous
                                ? Map.of(
                                        "code",
                                        401,
                                        "msg",
                                        "Authentication required",
                                        "error_code",
                                        "not_authenticated")
                                : Map.of("code", 403, "msg", "Forbidden", "error_code", "forbidden"));
        return anonymous ? r.header("WWW-Authenticate", "Bearer").build() : r.build();
    }
}
