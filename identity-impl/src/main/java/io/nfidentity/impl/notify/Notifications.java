package io.nfidentity.impl.notify;

import io.nfidentity.AuditAction;
import io.nfidentity.Notification;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.store.NotificationStore;
import io.nfidentity.impl.store.NotificationStore.NotificationRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** What administrators do with notifications: list them by state, and retry one that failed. */
@ApplicationScoped
public class Notifications {
    public static final int MAX_LIST = 1000;

    private final Clock clock;
    private final NotificationStore store;
    private final AuditLog audit;
    private final Event<Notifier.Recorded> recorded;

    @Inject
    public Notifications(
            @Internal Clock clock, NotificationStore store, AuditLog audit, Event<Notifier.Recorded> recorded) {
        this.clock = clock;
        this.store = store;
        this.audit = audit;
        this.recorded = recorded;
    }

    /** For the container's client proxy only. */
    protected Notifications() {
        this(null, null, null, null);
    }

    public List<Notification> list(Notification.State state, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_LIST));
        return store.list(state.name().toLowerCase(Locale.ROOT), n).stream()
                .map(Notifications::of)
                .toList();
    }

    @Transactional
    public Notification retry(UUID id) {
        if (id == null || !store.retry(id, clock.instant())) {
            throw Problem.NOTIFICATION_NOT_FOUND.exception();
        }
        NotificationRow row = store.find(id).orElseThrow(Problem.NOTIFICATION_NOT_FOUND::exception);
        audit.byCaller(
                AuditAction.NOTIFICATION_RETRIED,
                row.userId(),
                null,
                Map.of("delivery", id.toString(), "event", row.event()));
        recorded.fire(new Notifier.Recorded()); // delivered at once after this commit, not at the next interval
        return of(row);
    }

    static Notification of(NotificationRow n) {
        Notification.State state = Notification.State.valueOf(n.state().toUpperCase(Locale.ROOT));
        return new Notification(
                n.id(),
                n.event(),
                origin(n.receiver()),
                n.userId(),
                state,
                n.attempts(),
                n.createdAt(),
                state == Notification.State.PENDING ? n.nextAt() : null,
                n.deliveredAt(),
                n.lastStatus(),
                n.lastError());
    }

    /** Scheme, host and port only: a receiver's path or query may carry its own secret. */
    static String origin(String receiver) {
        URI u = URI.create(receiver);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    }
}
