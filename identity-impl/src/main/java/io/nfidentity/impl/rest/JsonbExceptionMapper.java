package io.nfidentity.impl.rest;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** JSON-B failures that escape the provider unwrapped are bad input too. */
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
        return ErrorBody.response(400, "bad_request", "Bad request: malformed JSON", e);
    }
}
