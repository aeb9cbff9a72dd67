package io.nfidentity.impl.rest.resource;

import io.nfidentity.IdentityAdmin;
import io.nfidentity.Notification;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.rest.filter.AdminOnly;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import io.nfidentity.impl.rest.json.NotificationJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The outbox of asynchronous notifications, for administrators: {@code GET /admin/notifications?state=failed} (the
 * default; also {@code pending}, {@code delivered}), newest first, at most {@code per_page} (50, up to 1000), and
 * {@code POST /admin/notifications/{id}/retry} for one that failed. Not GoTrue's: GoTrue has no outbox.
 */
@Path("identity/admin/notifications")
@GoTrueApi
@AdminOnly
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminNotificationsResource {
    @Inject
    IdentityAdmin admin;

    @GET
    public List<NotificationJson> list(@QueryParam("state") String state, @QueryParam("per_page") String perPage) {
        Notification.State s;
        try {
            s = state == null || state.isBlank()
                    ? Notification.State.FAILED
                    : Notification.State.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.BAD_NOTIFICATION_STATE.exception();
        }
        return admin.notifications(s, PageLinks.perPage(perPage)).stream()
                .map(NotificationJson::of)
                .toList();
    }

    @POST
    @Path("{id}/retry")
    public NotificationJson retry(@PathParam("id") String id) {
        UUID delivery;
        try {
            delivery = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problem.NOTIFICATION_NOT_FOUND.exception();
        }
        return NotificationJson.of(admin.retryNotification(delivery));
    }
}
