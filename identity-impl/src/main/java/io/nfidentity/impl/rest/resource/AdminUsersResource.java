package io.nfidentity.impl.rest.resource;

import io.nfidentity.IdentityAdmin;
import io.nfidentity.IdentityAdmin.UserPage;
import io.nfidentity.NewUser;
import io.nfidentity.User;
import io.nfidentity.UserQuery;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.rest.filter.AdminOnly;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import io.nfidentity.impl.rest.json.FactorJson;
import io.nfidentity.impl.rest.json.RequestBodies;
import io.nfidentity.impl.rest.json.SessionJson;
import io.nfidentity.impl.rest.json.UserJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * GoTrue's admin endpoints, {@code /admin/users[/{id}]}: a thin skin over {@link IdentityAdmin}, which holds every
 * rule. Request and response bodies, headers ({@code X-Total-Count}, {@code Link}) and errors follow GoTrue.
 */
@Path("identity/admin/users")
@GoTrueApi
@AdminOnly
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {
    @Inject
    IdentityAdmin admin;

    @Inject
    IdentityConfig config;

    @Context
    UriInfo uri;

    /** Body of the list answer: {@code {"aud":"...","users":[...]}}. */
    public record UserList(String aud, List<UserJson> users) {}

    @GET
    public Response list(
            @QueryParam("page") String page,
            @QueryParam("per_page") String perPage,
            @QueryParam("sort") String sort,
            @QueryParam("filter") String filter,
            @QueryParam("cursor") String cursor) {
        int p = PageLinks.positive(page, 1);
        int n = PageLinks.perPage(perPage);
        // keyset paging (a cursor parameter, even an empty one) skips the exact count: at a million users it costs
        // more than the page itself, and a client walking by cursor does not need it
        boolean byCursor = cursor != null;
        UserQuery q = UserQuery.firstPage(n).page(p).search(filter).after(cursor);
        if (!byCursor) {
            q = q.withTotal();
        }
        if (sort != null && !sort.isBlank()) {
            String s = sort.trim().replaceAll("\\s+", " ").toLowerCase();
            if (s.equals("created_at asc")) {
                q = q.oldestFirst();
            } else if (!s.equals("created_at desc") && !s.equals("created_at")) {
                throw Problem.BAD_SORT.exception();
            }
        }
        UserPage result = admin.listUsers(q);
        Response.ResponseBuilder r = Response.ok(new UserList(config.tokens().audience(), json(result.users())));
        Long total = result.total().isPresent() ? result.total().getAsLong() : null;
        return PageLinks.headers(r, uri, p, n, total, result.nextCursor(), byCursor)
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public UserJson create(JsonObject body) {
        RequestBodies.AdminCreate b = RequestBodies.AdminCreate.read(body);
        User user = admin.createUser(NewUser.of(b.email())
                .password(b.password())
                .confirmed(b.confirm())
                .appMetadata(b.appMetadata())
                .userMetadata(b.userMetadata())
                .roles(b.roles())
                .role(b.role())
                .passwordHash(b.passwordHash()));
        return UserJson.of(user, config.tokens().audience());
    }

    /**
     * Imports users from JSON lines (one user per line, as {@code GET /export} writes them), streamed: the body has no
     * size limit, each line has {@code nf.identity.max-body-bytes}.
     */
    @POST
    @Path("import")
    @AdminOnly(recentLogin = true)
    @Consumes({"application/x-ndjson", "application/jsonl", MediaType.TEXT_PLAIN})
    public Map<String, Object> importUsers(java.io.InputStream body) {
        IdentityAdmin.ImportReport report =
                admin.importUsers(new java.io.InputStreamReader(body, java.nio.charset.StandardCharsets.UTF_8));
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("imported", report.imported());
        out.put("refused_total", report.refusedTotal());
        out.put(
                "refused",
                report.refused().stream()
                        .map(r -> Map.<String, Object>of("line", r.line(), "reason", r.reason()))
                        .toList());
        return out;
    }

    /** Every user as a JSON line, oldest first, streamed; {@code password_hashes=true} only where allowed. */
    @GET
    @Path("export")
    @AdminOnly(recentLogin = true)
    // JSON too, though the answer is always JSON lines: a client that accepts JSON first (axios' default,
    // "application/json, text/plain, */*") otherwise made RESTEasy prefer GET {id}, which answered 400 "User id must be
    // a UUID" (found by ContractIT through Prism)
    @Produces({"application/x-ndjson", MediaType.APPLICATION_JSON})
    public Response exportUsers(@QueryParam("password_hashes") String passwordHashes) {
        boolean hashes = "true".equalsIgnoreCase(passwordHashes);
        if (hashes && !config.accounts().exportPasswordHashes()) {
            // checked before the first byte: once streaming has begun, the status is sent
            throw Problem.EXPORT_HASHES_DISABLED.exception();
        }
        jakarta.ws.rs.core.StreamingOutput lines = out -> {
            java.io.Writer w = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
            admin.exportUsers(w, hashes);
            w.flush();
        };
        return Response.ok(lines).type("application/x-ndjson").build();
    }

    @GET
    @Path("{id}")
    public UserJson get(@PathParam("id") UUID id) {
        return FactorsResource.userWithFactors(admin, config, id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserJson update(@PathParam("id") UUID id, JsonObject body) {
        java.time.Duration ban = RequestBodies.banDuration(body);
        User user = null;
        if (ban != null) {
            // Supabase's ban_duration: "none" lifts a suspension, a duration suspends for that long
            user = ban.isZero()
                    ? admin.restoreUser(id)
                    : admin.suspendUser(id, java.time.Instant.now().plus(ban));
        }
        if (ban == null || body.size() > 1) {
            user = admin.updateUser(id, RequestBodies.adminUpdate(body));
        }
        return UserJson.of(user, config.tokens().audience());
    }

    @GET
    @Path("{id}/sessions")
    public SessionJson.SessionList sessions(@PathParam("id") UUID id) {
        return SessionJson.of(admin.listSessions(id), null);
    }

    @DELETE
    @Path("{id}/sessions/{session}")
    public Map<String, Object> endSession(@PathParam("id") UUID id, @PathParam("session") UUID session) {
        admin.endSession(id, session);
        return Map.of();
    }

    @DELETE
    @Path("{id}/sessions")
    public Map<String, Object> endSessions(@PathParam("id") UUID id) {
        admin.endSessions(id);
        return Map.of();
    }

    /** The user's second factors (Supabase's admin path). */
    @GET
    @Path("{id}/factors")
    public List<FactorJson> factors(@PathParam("id") UUID id) {
        return admin.factors(id).stream().map(FactorJson::of).toList();
    }

    /** Removes a factor of the user, a lost authenticator (Supabase's admin path); answers its id. */
    @DELETE
    @Path("{id}/factors/{factor}")
    public Map<String, Object> deleteFactor(@PathParam("id") UUID id, @PathParam("factor") UUID factor) {
        admin.deleteFactor(id, factor);
        return Map.of("id", factor.toString());
    }

    /** The user's passkeys. */
    @GET
    @Path("{id}/passkeys")
    public List<io.nfidentity.impl.rest.json.PasskeyJson> passkeys(@PathParam("id") UUID id) {
        return admin.passkeys(id).stream()
                .map(io.nfidentity.impl.rest.json.PasskeyJson::of)
                .toList();
    }

    /** Removes a passkey of the user (a lost device); answers its id. */
    @DELETE
    @Path("{id}/passkeys/{passkey}")
    public Map<String, Object> deletePasskey(@PathParam("id") UUID id, @PathParam("passkey") UUID passkey) {
        admin.deletePasskey(id, passkey);
        return Map.of("id", passkey.toString());
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete(@PathParam("id") UUID id) {
        admin.deleteUser(id);
        return Map.of();
    }

    private List<UserJson> json(List<User> users) {
        return users.stream()
                .map(u -> UserJson.of(u, config.tokens().audience()))
                .toList();
    }
}
