package io.nfidentity.it.verifier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Answers with the caller's {@code sub}, for members only. */
@Path("whoami")
@RequestScoped
public class VerifierResource {
    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed("member")
    @Produces(MediaType.TEXT_PLAIN)
    public String whoami() {
        return jwt.getSubject();
    }
}
