package io.nfidentity.impl.rest.error;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body the JSON provider could not read: 400 in our shape, never a stack trace. */
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
        return ErrorResponses.unreadableBody(e);
    }
}
