package io.nfidentity.impl.rest.error;

import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.error.Problem;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * GoTrue's error shape, {@code {"code":422,"msg":"...","error_code":"...","error_id":"..."}}; {@code error_id} only on
 * 5xx, where it is also logged with the cause so an operator can find the one from a user's report.
 */
@JsonbPropertyOrder({"code", "msg", "error_code", "error_id"})
public record ErrorBody(
        @JsonbProperty("code") int code,
        @JsonbProperty("msg") String msg,
        @JsonbProperty("error_code") String errorCode,
        @JsonbProperty("error_id") String errorId) {
    private static final Logger LOG = Logger.getLogger(ErrorBody.class.getName());

    /** The response for a problem of the catalogue, with its standard message. */
    public static Response response(Problem problem, Throwable cause) {
        return response(problem.status(), problem.code(), problem.message(), cause);
    }

    /** The response for an error; 5xx causes are logged under a fresh error id. */
    public static Response response(int status, String errorCode, String msg, Throwable cause) {
        String errorId = null;
        if (status >= 500) {
            errorId = UUID.randomUUID().toString();
            if (status == 503) {
                // temporary by nature (a busy server, a database or mail server away): a warning, and for a flood of
                // busy answers no stack trace per request
                LOG.log(
                        Level.WARNING,
                        LogId.ERROR_5XX + ": error " + errorId + " (" + errorCode + ")",
                        Problem.SERVER_BUSY.code().equals(errorCode) ? null : cause);
            } else {
                LOG.log(Level.SEVERE, LogId.ERROR_5XX + ": error " + errorId + " (" + errorCode + ")", cause);
            }
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                // already JSON text: the same shape whichever JSON provider the application's API uses (Jackson or
                // JSON-B)
                .entity(io.nfidentity.impl.json.Json.jsonb().toJson(new ErrorBody(status, msg, errorCode, errorId)))
                .build();
    }
}
