package io.nfidentity.impl.rest.resource;

import io.nfidentity.IdentityAdmin;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.rest.filter.AdminOnly;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import io.nfidentity.impl.rest.json.KeyJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Key rotation over HTTP, for admins (or the operator token): {@code GET /admin/keys} lists the keys;
 * {@code POST /admin/keys} adds a next key (201); {@code POST /admin/keys/{kid}/promote} makes it current;
 * {@code POST /admin/keys/{kid}/retire[?force=true]} retires a previous or next key. Not part of GoTrue.
 */
@Path("identity/admin/keys")
@GoTrueApi
@AdminOnly
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminKeysResource {
    @Inject
    IdentityAdmin admin;

    @GET
    public KeyJson.KeyList list() {
        return new KeyJson.KeyList(admin.signingKeys().stream().map(KeyJson::of).toList());
    }

    @POST
    @AdminOnly(recentLogin = true)
    public Response add() {
        return Response.status(Response.Status.CREATED)
                .entity(KeyJson.of(admin.addSigningKey()))
                .build();
    }

    @POST
    @Path("{kid}/promote")
    @AdminOnly(recentLogin = true)
    public KeyJson promote(@PathParam("kid") String kid) {
        return KeyJson.of(admin.promoteSigningKey(kid));
    }

    @POST
    @Path("{kid}/retire")
    @AdminOnly(recentLogin = true)
    public KeyJson retire(@PathParam("kid") String kid, @QueryParam("force") String force) {
        boolean forced;
        if (force == null || force.equals("false")) {
            forced = false;
        } else if (force.equals("true")) {
            forced = true;
        } else {
            throw Problem.BAD_FORCE.exception();
        }
        return KeyJson.of(admin.retireSigningKey(kid, forced));
    }
}
