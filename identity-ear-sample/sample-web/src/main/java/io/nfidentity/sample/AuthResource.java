package io.nfidentity.sample;

import io.nfidentity.Identity;
import io.nfidentity.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;

/**
 * Netlify Identity's {@code login} server function, and its siblings: check the origin first (these endpoints act on cookies, so a
 * foreign page must not be able to call them), then let the facade do the work and set the cookies.
 */
@Path("")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    @Inject
    Identity identity;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    /** Absolute, because JAX-RS would resolve a relative location against {@code /api}. */
    private URI dashboard() {
        return uri.getBaseUriBuilder()
                .replacePath(request.getContextPath() + "/dashboard")
                .build();
    }

    @POST
    @Path("login")
    public Response login(String body) {
        identity.verifyRequestOrigin();
        Credentials c = Credentials.read(body);
        identity.login(c.email(), c.password());
        return Response.status(Response.Status.FOUND).location(dashboard()).build();
    }

    @POST
    @Path("signup")
    public Response signup(String body) {
        identity.verifyRequestOrigin();
        Credentials c = Credentials.read(body);
        User user = identity.signup(c.email(), c.password(), Map.of());
        if (user.isConfirmed()) {
            return Response.status(Response.Status.FOUND).location(dashboard()).build();
        }
        // not confirmed yet (autoconfirm off): no session, so no redirect into the app
        return Response.ok(Map.of("id", user.id().toString(), "email", user.email(), "confirmed", false))
                .build();
    }

    /** Logs out on every device: Netlify has no such thing; users keep asking for it. */
    @POST
    @Path("logout-everywhere")
    public Response logoutEverywhere() {
        identity.verifyRequestOrigin();
        identity.logoutEverywhere();
        return Response.noContent().build();
    }

    @POST
    @Path("logout")
    public Response logout() {
        identity.verifyRequestOrigin();
        identity.logout();
        return Response.noContent().build();
    }

    /** Deletes the logged-in user's account; only right after a login (log in again first, as the answer says). */
    @POST
    @Path("delete-account")
    public Response deleteAccount() {
        identity.verifyRequestOrigin();
        identity.deleteAccount();
        return Response.noContent().build();
    }
}
