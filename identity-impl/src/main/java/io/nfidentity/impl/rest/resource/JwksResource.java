package io.nfidentity.impl.rest.resource;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import io.nfidentity.impl.token.SigningKeys;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify access tokens (next, current and previous keys of
 * RS256, ES256 or EdDSA), for services that check {@code nf_jwt} without holding any secret. Never a private key or
 * the HS256 secret: under HS256 alone, {@code keys} is empty. Cacheable for {@code nf.identity.jwt.jwks-max-age}.
 */
@Path("identity/.well-known/jwks.json")
@GoTrueApi
@RequestScoped
public class JwksResource {
    @Inject
    SigningKeys keys;

    @Inject
    IdentityConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        return Response.ok(keys.jwks(), MediaType.APPLICATION_JSON_TYPE)
                .header(
                        "Cache-Control",
                        "public, max-age=" + config.keys().jwksMaxAge().toSeconds())
                .build();
    }
}
