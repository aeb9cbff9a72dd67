package ${package};

import io.nfidentity.Identity;
import io.nfidentity.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A protected resource: members only. nf-identity authenticates the request from the {@code nf_jwt} cookie or an
 * {@code Authorization: Bearer} token; an anonymous caller gets 401, a signed-in user without the role 403.
 */
@Path("hello")
@RequestScoped
public class HelloResource {
    @Inject
    Identity identity;

    @GET
    @RolesAllowed("member")
    @Produces(MediaType.TEXT_PLAIN)
    public String hello() {
        User user = identity.currentUser().orElseThrow();
        return "Hello, " + user.email() + "\n";
    }
}
