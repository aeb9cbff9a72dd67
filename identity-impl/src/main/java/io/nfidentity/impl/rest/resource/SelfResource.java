package io.nfidentity.impl.rest.resource;

import io.nfidentity.IdentityAdmin;
import io.nfidentity.impl.account.AccountFlows;
import io.nfidentity.impl.admin.AccountDeletion;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.rest.filter.AdminGate;
import io.nfidentity.impl.rest.filter.Bearer;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import io.nfidentity.impl.rest.json.RequestBodies;
import io.nfidentity.impl.rest.json.SessionJson;
import io.nfidentity.impl.rest.json.UserJson;
import io.nfidentity.impl.signin.ExternalSignIn;
import io.nfidentity.impl.signin.ProviderLinking;
import io.nfidentity.impl.web.RequestState;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;

/** {@code GET/PUT/DELETE /user}: the bearer's own user, fresh from the database. */
@Path("identity/user")
@GoTrueApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SelfResource {
    @Inject
    IdentityConfig config;

    @Inject
    IdentityAdmin admin;

    @Inject
    AccountFlows flows;

    @Inject
    AdminGate gate;

    @Inject
    AccountDeletion deletion;

    @Inject
    ProviderLinking linking;

    @Inject
    io.nfidentity.impl.limit.Limiters limits;

    @Context
    jakarta.servlet.http.HttpServletResponse response;

    @Context
    HttpServletRequest request;

    @GET
    public UserJson get() {
        return FactorsResource.userWithFactors(
                admin, config, Bearer.require(request).id());
    }

    /** The bearer's live sessions, newest first; {@code current} marks the one of this very token. */
    @GET
    @Path("sessions")
    public SessionJson.SessionList sessions() {
        UUID id = Bearer.require(request).id();
        return SessionJson.of(admin.listSessions(id), RequestState.sessionId(request));
    }

    /** Ends one of the bearer's own sessions ("log out that other device"). */
    @DELETE
    @Path("sessions/{session}")
    public Map<String, Object> endSession(@PathParam("session") UUID session) {
        UUID id = Bearer.require(request).id();
        admin.endSession(id, session);
        return Map.of();
    }

    /** Ends every session of the bearer, this one included (as {@code POST /logout}). */
    @DELETE
    @Path("sessions")
    public Map<String, Object> endSessions() {
        admin.endSessions(Bearer.require(request).id());
        return Map.of();
    }

    /**
     * {@code data} merges into {@code user_metadata} (a {@code null} value deletes its key); {@code email} starts an
     * email change (a mail to the new address); {@code email_change_token} completes one; {@code app_metadata} needs
     * the admin role.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public UserJson update(JsonObject body) {
        UUID id = Bearer.require(request).id();
        RequestBodies.SelfUpdate b = RequestBodies.SelfUpdate.read(body);
        boolean isAdmin = gate.isAdmin(id);
        return UserJson.of(
                flows.updateSelf(
                        id,
                        isAdmin,
                        RequestState.authTime(request),
                        b.email(),
                        b.password(),
                        b.data(),
                        b.appMetadata(),
                        b.emailChangeToken(),
                        RequestState.sessionId(request)),
                config.tokens().audience());
    }

    /**
     * Deletes the bearer's own account (ours: GoTrue has no such endpoint). Needs a session that logged in within the
     * last few minutes ({@link AccountDeletion}); a cookie alone is never enough here, as everywhere in this API.
     */
    @DELETE
    public Map<String, Object> delete() {
        UUID id = Bearer.require(request).id();
        deletion.deleteOwnAccount(id, RequestState.sessionId(request));
        return Map.of();
    }

    /**
     * Starts linking a provider account to the bearer (ours): answers where to send the browser, and sets the binding
     * cookie as {@code /authorize} does. Needs a login within minutes ({@link ProviderLinking}). The callback links
     * the account and returns to {@code redirect_to} (checked like {@code /authorize}'s) signed in with the provider.
     */
    @POST
    @Path("identities")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> link(JsonObject body) {
        UUID id = Bearer.require(request).id();
        RequestBodies.LinkIdentity b = RequestBodies.LinkIdentity.read(body);
        limits.attempt("authorize", request.getRemoteAddr());
        ExternalSignIn.Start start = linking.begin(id, RequestState.sessionId(request), b.provider(), b.redirectTo());
        response.addHeader(
                "Set-Cookie",
                ExternalResource.binding(
                        config.external().redirectUri(),
                        config.sessions().cookieSecure(),
                        start.browser(),
                        config.external().stateTtl().toSeconds()));
        return Map.of("url", start.location());
    }
}
