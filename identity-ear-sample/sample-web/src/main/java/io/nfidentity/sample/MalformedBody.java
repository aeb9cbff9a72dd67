package io.nfidentity.sample;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * The sample's own answer to a request body it cannot read (malformed JSON): a 400, without the framework's message.
 * nf-identity leaves an application's request parsing and its errors to the application.
 */
@Provider
public class MalformedBody implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
        return Response.status(400)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", 400, "msg", "Malformed JSON", "error_code", "bad_request"))
                .build();
    }
}
