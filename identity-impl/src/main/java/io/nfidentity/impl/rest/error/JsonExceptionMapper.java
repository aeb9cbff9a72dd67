package io.nfidentity.impl.rest.error;

import jakarta.json.JsonException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** JSON-P's parse errors (a body read as {@code JsonObject}) escape the provider unwrapped: they are bad input. */
public class JsonExceptionMapper implements ExceptionMapper<JsonException> {
    @Override
    public Response toResponse(JsonException e) {
        return ErrorResponses.unreadableBody(e);
    }
}
