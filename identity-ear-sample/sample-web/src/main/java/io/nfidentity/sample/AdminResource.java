package io.nfidentity.sample;

import io.nfidentity.Identity;
import io.nfidentity.IdentityAdmin;
import io.nfidentity.NewUser;
import io.nfidentity.User;
import io.nfidentity.UserChanges;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * Netlify Identity's {@code admin.createUser}, {@code updateUser} and {@code deleteUser}, for administrators only, through
 * the injectable {@link IdentityAdmin}. The origin check comes first: these act on the admin's cookie session.
 */
@Path("admin/users")
@RequestScoped
@RolesAllowed("admin")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    @Inject
    Identity identity;

    @Inject
    IdentityAdmin admin;

    /** Body of {@code POST /api/admin/users}. */
    public record NewAccount(String email, String password, List<String> roles) {}

    /** Body of {@code PUT /api/admin/users/{id}/roles}. */
    public record Roles(List<String> roles) {}

    @POST
    public Response create(NewAccount body) {
        identity.verifyRequestOrigin();
        NewAccount b = body == null ? new NewAccount(null, null, null) : body;
        User user = admin.createUser(NewUser.of(b.email())
                .password(b.password())
                .confirmed(true) // as Netlify's admin.createUser: administrators vouch for the address
                .roles(b.roles() == null ? List.of() : b.roles()));
        return Response.status(Response.Status.CREATED).entity(user).build();
    }

    @PUT
    @Path("{id}/roles")
    public User setRoles(@PathParam("id") UUID id, Roles body) {
        identity.verifyRequestOrigin();
        return admin.updateUser(
                id, UserChanges.none().roles(body == null || body.roles() == null ? List.of() : body.roles()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        identity.verifyRequestOrigin();
        admin.deleteUser(id);
        return Response.noContent().build();
    }
}
