package io.nfidentity.sample;

import io.nfidentity.Identity;
import io.nfidentity.IdentityAdmin;
import io.nfidentity.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Netlify Identity's {@code getUser} and its {@code admin-users} example function. */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    @Inject
    Identity identity;

    @Inject
    IdentityAdmin admin;

    @Inject
    UserReport report;

    @Inject
    Greeter greeter;

    @Inject
    LastLogins lastLogins;

    /** 200 {@code {"id","email"}} for a logged-in user; 401 otherwise. */
    @GET
    @Path("user")
    public Map<String, String> user() {
        User user = identity.requireUser();
        return Map.of("id", user.id().toString(), "email", user.email());
    }

    /** Only admins reach this point: 401 when anonymous, 403 for other users. */
    @GET
    @Path("admin-users")
    @RolesAllowed("admin")
    public Map<String, List<User>> adminUsers() {
        return Map.of("users", admin.listUsers(1, 100).users());
    }

    /** The role check here is the EJB's own ({@link UserReport} is a {@code @Stateless} bean). */
    @GET
    @Path("report")
    public Map<String, Long> report() {
        return Map.of("users", report.userCount());
    }

    /** What the asynchronous {@link LastLogins} observer recorded for the current user; empty until it has run. */
    @GET
    @Path("last-login")
    public Map<String, String> lastLogin() {
        User user = identity.requireUser();
        return lastLogins
                .of(user.id())
                .map(t -> Map.of("lastLogin", t.toString()))
                .orElse(Map.of());
    }

    /** The role check here is on a plain CDI bean ({@link Greeter}). */
    @GET
    @Path("greeting")
    public Map<String, String> greeting() {
        return Map.of("greeting", greeter.greet(identity.requireUser()));
    }
}
