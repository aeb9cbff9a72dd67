package io.nfidentity.impl.notify;

import io.nfidentity.AuditAction;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.store.NotificationStore;
import io.nfidentity.impl.store.NotificationStore.NotificationRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactional steps of a delivery, each in a transaction of its own ({@code REQUIRES_NEW}), committed before
 * the next step: the claim (so its locks are held for a moment, never across a send), and the outcome.
 */
@ApplicationScoped
public class NotificationWrites {
    private final NotificationStore store;
    private final AuditLog audit;

    @Inject
    public NotificationWrites(NotificationStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    /** For the container's client proxy only. */
    protected NotificationWrites() {
        this(null, null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<NotificationRow> claim(Instant now, Instant leaseUntil, int max) {
        return store.claim(now, leaseUntil, max);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void delivered(NotificationRow n, Instant at, int status) {
        store.delivered(n.id(), n.attempts(), at, status);
    }

    /** The try failed: due again later, or given up (audited, so administrators see it where they look). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(NotificationRow n, Instant nextAt, boolean giveUp, Integer status, String error) {
        if (store.failed(n.id(), n.attempts(), nextAt, giveUp, status, error) && giveUp) {
            Map<String, Object> traits = new LinkedHashMap<>();
            traits.put("delivery", n.id().toString());
            traits.put("event", n.event());
            traits.put("receiver", Notifications.origin(n.receiver()));
            traits.put("attempts", n.attempts());
            if (status != null) {
                traits.put("status", status);
            }
            audit.byCaller(AuditAction.NOTIFICATION_FAILED, n.userId(), null, traits);
        }
    }
}
