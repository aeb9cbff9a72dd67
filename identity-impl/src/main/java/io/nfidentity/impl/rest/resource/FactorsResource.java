package io.nfidentity.impl.rest.resource;

import io.nfidentity.IdentityAdmin;
import io.nfidentity.User;
import io.nfidentity.UserNotFoundException;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.mfa.FactorWrites;
import io.nfidentity.impl.mfa.Factors;
import io.nfidentity.impl.rest.filter.Bearer;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import io.nfidentity.impl.rest.json.FactorBodies;
import io.nfidentity.impl.rest.json.FactorJson;
import io.nfidentity.impl.rest.json.UserJson;
import io.nfidentity.impl.session.Caller;
import io.nfidentity.impl.web.RequestState;
import io.nfidentity.impl.web.SessionCookies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Second factors in Supabase's API shape ({@code /factors}, with the bearer's token; never a cookie alone), so
 * {@code @supabase/auth-js}'s {@code mfa.*} calls work unchanged. {@code POST /factors/recovery-codes} is ours.
 */
@Path("identity/factors")
@GoTrueApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FactorsResource {
    @Inject
    IdentityConfig config;

    @Inject
    Factors factors;

    @Inject
    IdentityAdmin admin;

    @Inject
    SessionCookies cookies;

    @Context
    HttpServletRequest request;

    private Caller caller() {
        User user = Bearer.require(request);
        return new Caller(user.id(), RequestState.sessionId(request), RequestState.aal(request));
    }

    /** Enrols a TOTP factor, unverified until its first code. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public FactorJson.Enrolled enroll(JsonObject body) {
        Caller caller = caller();
        FactorBodies.Enroll b = FactorBodies.Enroll.read(body);
        return FactorJson.Enrolled.of(factors.enroll(caller, b.factorType(), b.friendlyName(), b.issuer()));
    }

    /** A challenge for one of the bearer's factors, bound to the bearer's session. */
    @POST
    @Path("{factor}/challenge")
    public FactorJson.Challenge challenge(@PathParam("factor") UUID factor) {
        return FactorJson.Challenge.of(factors.challenge(caller(), factor));
    }

    /**
     * Verifies a code (or a recovery code) for the challenge: the session steps up to level 2 and the answer is its new
     * token pair; {@code X-Use-Cookie} sets GoTrue's cookie as {@code /token} does.
     */
    @POST
    @Path("{factor}/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response verify(
            @PathParam("factor") UUID factor, JsonObject body, @HeaderParam("X-Use-Cookie") String useCookie) {
        Caller caller = caller();
        FactorBodies.Verify b = FactorBodies.Verify.read(body);
        FactorWrites.Verified verified = factors.verify(caller, factor, b.challengeId(), b.code());
        UserJson user =
                UserJson.of(verified.session().user(), config.tokens().audience(), factors.list(caller.userId()));
        Response.ResponseBuilder r = Response.ok(FactorJson.Verified.of(verified, user, Instant.now()));
        if (useCookie != null && !useCookie.isBlank()) {
            r.header("Set-Cookie", cookies.gotrueCookie(verified.session().accessToken(), useCookie));
        }
        return r.build();
    }

    /** Removes one of the bearer's factors (at level 2 once a factor is verified); answers its id, as Supabase. */
    @DELETE
    @Path("{factor}")
    public Map<String, Object> unenroll(@PathParam("factor") UUID factor) {
        factors.unenroll(caller(), factor);
        return Map.of("id", factor.toString());
    }

    /** Ten new recovery codes, the old ones void (ours; at level 2). */
    @POST
    @Path("recovery-codes")
    public Map<String, Object> recoveryCodes() {
        List<String> codes = factors.regenerateRecoveryCodes(caller());
        return Map.of("recovery_codes", codes);
    }

    /** Used by {@code GET /user}: the user with factors. */
    static UserJson userWithFactors(IdentityAdmin admin, IdentityConfig config, UUID id) {
        return UserJson.of(
                admin.getUser(id).orElseThrow(UserNotFoundException::new),
                config.tokens().audience(),
                admin.factors(id));
    }
}
