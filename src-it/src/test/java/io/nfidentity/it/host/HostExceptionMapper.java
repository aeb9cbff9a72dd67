package io.nfidentity.it.host;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The host's own error answer: plain text, status 409. */
@Provider
public class HostExceptionMapper implements ExceptionMapper<HostException> {
    @Override
    public Response toResponse(HostException e) {
        return Response.status(409)
                .type(MediaType.TEXT_PLAIN_TYPE)
                .entity("host says: " + e.getMessage())
                .build();
    }
}
