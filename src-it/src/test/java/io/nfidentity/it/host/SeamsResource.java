package io.nfidentity.it.host;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An application that uses only Jakarta Security's own API: {@code SecurityContext.authenticate} with a username and
 * password, {@code HttpServletRequest.logout()}, and {@code SecurityContext} to ask who is calling.
 */
@Path("seams")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class SeamsResource {
    @Inject
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @POST
    @Path("login")
    public Response login(@FormParam("username") String username, @FormParam("password") String password) {
        AuthenticationStatus status = security.authenticate(
                request,
                response,
                AuthenticationParameters.withParams()
                        .newAuthentication(true)
                        .credential(new UsernamePasswordCredential(username, new Password(password))));
        if (status != AuthenticationStatus.SUCCESS) {
            return Response.status(401).entity(status.name()).build();
        }
        return Response.ok(whoami()).build();
    }

    @POST
    @Path("logout")
    public Response logout() throws ServletException {
        request.logout();
        // The servlet container's view of the caller. Not SecurityContext's: on Payara 7 (Jakarta EE 11) its
        // getCallerPrincipal() throws a NullPointerException for the rest of a request that logged out (Exousia's
        // policy context has no id left; docs/servers.md), whatever the mechanism.
        return Response.ok(
                        request.getUserPrincipal() == null
                                ? "anonymous"
                                : request.getUserPrincipal().getName())
                .build();
    }

    @GET
    @Path("whoami")
    public String whoami() {
        return security.getCallerPrincipal() == null
                ? "anonymous"
                : security.getCallerPrincipal().getName() + " admin=" + security.isCallerInRole("admin") + " legacy="
                        + security.isCallerInRole("legacy") + " badge=" + security.isCallerInRole("badge");
    }
}
