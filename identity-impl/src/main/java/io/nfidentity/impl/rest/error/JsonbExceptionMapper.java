package io.nfidentity.impl.rest.error;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** JSON-B failures that escape the provider unwrapped are bad input too. */
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
        return ErrorResponses.unreadableBody(e);
    }
}
