package io.nfidentity.impl.rest.filter;

import io.nfidentity.impl.rest.GoTrueApplication;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * {@code Cache-Control: no-store} on every answer of the GoTrue API (RFC 6749 section 5.1 asks it of token responses;
 * user JSON and errors are no business of a shared cache either), unless the resource set its own (the public JWKS). Registered only in {@link GoTrueApplication}.
 */
public final class NoStoreFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        if (res.getHeaders().containsKey("Cache-Control")) {
            return; // a resource that chose its caching (the JWKS) keeps it
        }
        res.getHeaders().putSingle("Cache-Control", "no-store");
        res.getHeaders().putSingle("Pragma", "no-cache");
    }
}
