package io.nfidentity.impl.rest.resource;

import io.nfidentity.User;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.limit.Limiters;
import io.nfidentity.impl.passkey.Passkeys;
import io.nfidentity.impl.rest.filter.Bearer;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import io.nfidentity.impl.rest.json.PasskeyBodies;
import io.nfidentity.impl.rest.json.PasskeyJson;
import io.nfidentity.impl.rest.json.TokenJson;
import io.nfidentity.impl.rest.json.UserJson;
import io.nfidentity.impl.session.Caller;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.web.RequestState;
import io.nfidentity.impl.web.SessionCookies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Passkeys under {@code /.netlify/identity/passkeys}: registration by a logged-in user (bearer or cookie), sign-in by
 * anyone, and the user's own list. Options are WebAuthn's JSON forms ({@code PublicKeyCredentialCreationOptionsJSON},
 * {@code PublicKeyCredentialRequestOptionsJSON}); responses are the browser's {@code PublicKeyCredential} as JSON.
 */
@Path("identity/passkeys")
@GoTrueApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PasskeysResource {
    @Inject
    IdentityConfig config;

    @Inject
    Passkeys passkeys;

    @Inject
    Limiters limits;

    @Inject
    SessionCookies cookies;

    @Context
    HttpServletRequest request;

    private Caller caller() {
        User user = Bearer.require(request);
        return new Caller(user.id(), RequestState.sessionId(request), RequestState.aal(request));
    }

    @GET
    public List<PasskeyJson> list() {
        return passkeys.list(caller().userId()).stream().map(PasskeyJson::of).toList();
    }

    @POST
    @Path("registration/options")
    public Map<String, Object> registrationOptions() {
        return passkeys.registrationOptions(caller());
    }

    /** Verifies the new credential ({@code {credential, friendly_name?}}) and answers the stored passkey. */
    @POST
    @Path("registration/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    public PasskeyJson register(JsonObject body) {
        Caller caller = caller();
        PasskeyBodies.Credential b = PasskeyBodies.Credential.read(body);
        return PasskeyJson.of(passkeys.register(caller, b.json(), b.friendlyName()));
    }

    /** Anonymous; counted per client address, as every unauthenticated action that writes. */
    @POST
    @Path("authentication/options")
    public Map<String, Object> authenticationOptions() {
        limits.attempt("passkey", request.getRemoteAddr());
        return passkeys.authenticationOptions();
    }

    /**
     * Signs in ({@code {credential}}): answers the token response with the user, as {@code /verify} does, and with
     * {@code X-Use-Cookie} sets GoTrue's cookie as {@code /token} does.
     */
    @POST
    @Path("authentication/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(JsonObject body, @HeaderParam("X-Use-Cookie") String useCookie) {
        limits.attempt("passkey", request.getRemoteAddr());
        Session session = passkeys.signIn(PasskeyBodies.Credential.read(body).json());
        Response.ResponseBuilder r = Response.ok(TokenJson.WithUser.of(
                TokenJson.of(session),
                UserJson.of(session.user(), config.tokens().audience())));
        if (useCookie != null && !useCookie.isBlank()) {
            r.header("Set-Cookie", cookies.gotrueCookie(session.accessToken(), useCookie));
        }
        return r.build();
    }

    @PATCH
    @Path("{passkey}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> rename(@PathParam("passkey") UUID passkey, JsonObject body) {
        Caller caller = caller();
        passkeys.rename(caller, passkey, PasskeyBodies.Rename.read(body).friendlyName());
        return Map.of("id", passkey.toString());
    }

    @DELETE
    @Path("{passkey}")
    public Map<String, Object> delete(@PathParam("passkey") UUID passkey) {
        passkeys.delete(caller(), passkey);
        return Map.of("id", passkey.toString());
    }
}
