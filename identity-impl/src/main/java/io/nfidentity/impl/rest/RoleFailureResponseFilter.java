package io.nfidentity.impl.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * RESTEasy refuses a caller without the role from inside a request filter ({@code abortWith}), with a plain-text
 * 403 that no exception mapper sees. This rewrites exactly those answers (401/403 with a text body) into the JSON
 * shape every other error has; JSON bodies an application chose are left alone.
 */
@Provider
public class RoleFailureResponseFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        int status = res.getStatus();
        if ((status != 401 && status != 403) || !(res.getEntity() instanceof String)) {
            return;
        }
        MediaType type = res.getMediaType();
        if (type != null
                && !type.isCompatible(MediaType.TEXT_PLAIN_TYPE)
                && !type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            return;
        }
        boolean anonymous =
                req.getSecurityContext() == null || req.getSecurityContext().getUserPrincipal() == null;
        ErrorBody body = anonymous
                ? new ErrorBody(401, "Authentication required", "not_authenticated", null)
                : new ErrorBody(403, "Forbidden", "forbidden", null);
        res.setStatus(body.code());
        res.setEntity(body, null, MediaType.APPLICATION_JSON_TYPE);
        if (anonymous) {
            res.getHeaders().putSingle("WWW-Authenticate", "Bearer");
        }
    }
}
