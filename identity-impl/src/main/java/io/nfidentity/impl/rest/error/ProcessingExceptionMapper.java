package io.nfidentity.impl.rest.error;

import io.nfidentity.impl.error.Problem;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body the JSON provider could not read: 400 in our shape, never a stack trace. */
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof BodyTooLarge) {
                return ErrorBody.response(Problem.PAYLOAD_TOO_LARGE, e);
            }
            t = t.getCause();
        }
        return ErrorBody.response(Problem.MALFORMED_JSON, e);
    }
}
