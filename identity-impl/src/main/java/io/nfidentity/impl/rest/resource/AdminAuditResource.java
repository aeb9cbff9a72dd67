package io.nfidentity.impl.rest.resource;

import io.nfidentity.AuditAction;
import io.nfidentity.AuditQuery;
import io.nfidentity.IdentityAdmin;
import io.nfidentity.IdentityAdmin.AuditPage;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.rest.filter.AdminOnly;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import io.nfidentity.impl.rest.json.AuditJson;
import io.nfidentity.impl.rest.json.IdParams;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * GoTrue's {@code GET /admin/audit}: the audit log, newest first, as a JSON array, with {@code page}, {@code per_page}
 * and {@code query} (anywhere in the actor's address or the action) as GoTrue has them; {@code action} narrows to
 * one action, {@code user} to the entries about one user, {@code since} and {@code until} (ISO instants) to a time,
 * and {@code cursor} pages by keyset, as on the users list. Admins only.
 */
@Path("identity/admin/audit")
@GoTrueApi
@AdminOnly
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminAuditResource {
    @Inject
    IdentityAdmin admin;

    @Context
    UriInfo uri;

    @GET
    public Response list(
            @QueryParam("page") String page,
            @QueryParam("per_page") String perPage,
            @QueryParam("query") String query,
            @QueryParam("action") String action,
            @QueryParam("cursor") String cursor,
            @QueryParam("user") String user,
            @QueryParam("since") String since,
            @QueryParam("until") String until) {
        int p = PageLinks.positive(page, 1);
        int n = PageLinks.perPage(perPage);
        boolean byCursor = cursor != null;
        AuditQuery q = AuditQuery.firstPage(n).page(p).search(query).after(cursor);
        if (action != null && !action.isBlank()) {
            q = q.action(AuditAction.of(action).orElseThrow(Problem.BAD_AUDIT_ACTION::exception));
        }
        if (user != null && !user.isBlank()) {
            q = q.user(IdParams.parse(user.trim(), Problem.BAD_USER_ID));
        }
        if (since != null && !since.isBlank()) {
            q = q.since(instant(since));
        }
        if (until != null && !until.isBlank()) {
            q = q.until(instant(until));
        }
        if (!byCursor) {
            q = q.withTotal();
        }
        AuditPage result = admin.auditLog(q);
        List<AuditJson> body = result.entries().stream().map(AuditJson::of).toList();
        Long total = result.total().isPresent() ? result.total().getAsLong() : null;
        return PageLinks.headers(Response.ok(body), uri, p, n, total, result.nextCursor(), byCursor)
                .build();
    }

    private static java.time.Instant instant(String value) {
        try {
            return java.time.Instant.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw Problem.BAD_AUDIT_TIME.exception();
        }
    }
}
