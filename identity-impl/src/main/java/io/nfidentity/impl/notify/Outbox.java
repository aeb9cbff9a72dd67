package io.nfidentity.impl.notify;

import io.nfidentity.AuditEntry;
import io.nfidentity.User;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.json.Json;
import io.nfidentity.impl.store.NotificationStore;
import io.nfidentity.impl.store.NotificationStore.NotificationRow;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes the outbox. It hears every audit entry as it is written, in the transaction of the action the entry records,
 * and for a chosen event inserts one row per receiver in that same transaction: a rolled-back action leaves no row, a
 * committed one has its rows whatever happens to the server next. The payload is fixed now, with the user as this
 * transaction sees them (so a deleted user's last state, and not a later one); only the signature is made at send
 * time, since receivers refuse stale timestamps.
 */
public final class Outbox implements Consumer<AuditEntry> {
    private final IdentityConfig.Webhook hooks;
    private final UserStore users;
    private final NotificationStore store;
    private final Function<User, Object> userJson;
    private final Runnable committed;

    /**
     * @param userJson the user in GoTrue's shape, as the REST API and the synchronous webhook show them
     * @param committed asks for a delivery as soon as the current transaction commits
     */
    public Outbox(
            IdentityConfig.Webhook hooks,
            UserStore users,
            NotificationStore store,
            Function<User, Object> userJson,
            Runnable committed) {
        this.hooks = hooks;
        this.users = users;
        this.store = store;
        this.userJson = userJson;
        this.committed = committed;
    }

    @Override
    public void accept(AuditEntry entry) {
        IdentityConfig.Notify notify = hooks.notifications();
        String event = entry.action().code();
        if (!notify.on(event)) {
            return;
        }
        Object user = user(entry);
        List<NotificationRow> rows = new ArrayList<>();
        for (URI receiver : notify.urls()) {
            UUID id = UUID.randomUUID();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", id.toString());
            payload.put("event", event);
            payload.put("instance_id", hooks.instanceId());
            payload.put("occurred_at", entry.createdAt().toString());
            payload.put("user", user);
            payload.put("actor", actor(entry));
            rows.add(new NotificationRow(
                    id,
                    entry.id(),
                    event,
                    receiver.toString(),
                    entry.targetId(),
                    Json.jsonb().toJson(payload),
                    NotificationStore.PENDING,
                    0,
                    entry.createdAt(),
                    entry.createdAt(),
                    null,
                    null,
                    null));
        }
        store.insert(rows);
        committed.run();
    }

    /** The target in GoTrue's shape; only id and address when the row is gone already. */
    private Object user(AuditEntry entry) {
        if (entry.targetId() == null) {
            return null;
        }
        return users.findById(entry.targetId())
                .map(UserRow::toUser)
                .map(userJson)
                .orElseGet(() -> idAndEmail(entry.targetId(), entry.targetEmail()));
    }

    private static Object actor(AuditEntry entry) {
        return entry.actorId() == null
                ? Map.of("email", entry.actorEmail() == null ? AuditEntry.OPERATOR : entry.actorEmail())
                : idAndEmail(entry.actorId(), entry.actorEmail());
    }

    private static Map<String, Object> idAndEmail(UUID id, String email) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id.toString());
        m.put("email", email);
        return m;
    }
}
