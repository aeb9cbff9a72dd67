package io.nfidentity.impl.rest.error;

import io.nfidentity.impl.error.Problem;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;

/**
 * Gives JAX-RS's own errors (404, 405, 415, malformed JSON, role checks) a JSON body in GoTrue's shape, keeping the
 * status and headers. Responses that already have a body are left alone.
 *
 * <p>RESTEasy answers a failed {@code @RolesAllowed} with 403 even when nobody is logged in; an anonymous caller gets
 * 401 here instead, so a client knows to log in rather than give up.
 */
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Context
    SecurityContext security;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (e instanceof ForbiddenException && security != null && security.getUserPrincipal() == null) {
            return Response.fromResponse(ErrorBody.response(Problem.NOT_AUTHENTICATED, e))
                    .header("WWW-Authenticate", "Bearer")
                    .build();
        }
        if (original.hasEntity()) {
            return original;
        }
        int status = original.getStatus();
        Response.StatusType type = original.getStatusInfo();
        String reason = type.getReasonPhrase() == null ? "Error" : type.getReasonPhrase();
        String code = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        Response json = ErrorBody.response(status, code, status == 400 ? "Bad request: " + reasonOf(e) : reason, e);
        Response.ResponseBuilder b = Response.fromResponse(json);
        original.getHeaders().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type") && !k.equalsIgnoreCase("Content-Length")) {
                b.header(k, v.isEmpty() ? null : v.get(0));
            }
        });
        return b.build();
    }

    /** The JSON parser's complaint is safe and useful ("Unexpected char"), but only its first line. */
    private static String reasonOf(WebApplicationException e) {
        Throwable cause = e.getCause();
        while (cause != null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof jakarta.json.JsonException || cause instanceof jakarta.json.bind.JsonbException) {
            return "malformed JSON";
        }
        return "the request could not be read";
    }
}
