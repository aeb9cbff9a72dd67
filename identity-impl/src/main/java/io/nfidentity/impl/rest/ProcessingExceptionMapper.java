package io.nfidentity.impl.rest;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body the JSON provider could not read: 400 in our shape, never a stack trace. */
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof BodyLimitFilter.TooLarge) {
                return ErrorBody.response(413, "payload_too_large", "Request body too large", e);
            }
            t = t.getCause();
        }
        return ErrorBody.response(400, "bad_request", "Bad request: malformed JSON", e);
    }
}
