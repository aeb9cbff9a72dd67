package io.nfidentity.impl.audit;

import io.nfidentity.AuditAction;
import io.nfidentity.AuditEntry;
import io.nfidentity.User;
import io.nfidentity.impl.store.AuditStore;
import io.nfidentity.impl.web.CurrentRequest;
import io.nfidentity.impl.web.RequestState;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes audit entries. Each call joins the current transaction, so an entry commits or rolls back with the action
 * it records. The client address comes from the current HTTP request, when there is one; the actor is given by the
 * caller for a user's own actions, and otherwise is whoever the request authenticated (an administrator using the
 * REST API, or the logged-in user of the application's own code calling {@code IdentityAdmin}), else the operator.
 */
public final class AuditLog {
    /** A refusal by a rate limit is recorded once per key in this long, so a flood writes a few rows, not a flood. */
    static final Duration REFUSALS_EVERY = Duration.ofMinutes(1);

    /** Keys remembered for the refusal dedup; past this the memory is dropped (at worst a few repeated entries). */
    static final int MAX_REFUSAL_KEYS = 10_000;

    private final AuditStore store;
    private final Clock clock;
    private final CurrentRequest request;
    private final Map<String, Instant> refusals = new ConcurrentHashMap<>();

    /** Hears every entry written: the outbox of notifications. */
    private final java.util.function.Consumer<AuditEntry> listener;

    public AuditLog(AuditStore store, Clock clock, CurrentRequest request) {
        this(store, clock, request, entry -> {});
    }

    /** @param listener called with each entry just written, in its transaction (a failure there fails the action) */
    public AuditLog(
            AuditStore store, Clock clock, CurrentRequest request, java.util.function.Consumer<AuditEntry> listener) {
        this.store = store;
        this.clock = clock;
        this.request = request;
        this.listener = listener;
    }

    private void write(AuditEntry entry) {
        store.insert(entry);
        listener.accept(entry);
    }

    /** A user's own action: the user is both the actor and the target. */
    public void self(AuditAction action, UUID userId, String email, Map<String, Object> traits) {
        write(entry(action, userId, email, userId, email, traits));
    }

    /**
     * {@link #self}'s entry, built but not written: for a store that writes it in the statement of the action it
     * records (a rotation), so that the two still commit or roll back together.
     */
    public AuditEntry selfEntry(AuditAction action, UUID userId, String email, Map<String, Object> traits) {
        return entry(action, userId, email, userId, email, traits);
    }

    /**
     * Tells the listener of a {@link #selfEntry} that its store writes in this transaction: what {@link #self} does
     * after its own insert.
     */
    public void written(AuditEntry entry) {
        listener.accept(entry);
    }

    /** An action done to {@code target} by the request's caller (or the operator). */
    public void byCaller(AuditAction action, UUID targetId, String targetEmail, Map<String, Object> traits) {
        User caller = caller();
        if (caller != null) {
            write(entry(action, caller.id(), caller.email(), targetId, targetEmail, traits));
        } else {
            write(entry(action, null, AuditEntry.OPERATOR, targetId, targetEmail, traits));
        }
    }

    /** What is stored for a tried "address" that is none: attacker-typed text never reaches the log verbatim. */
    public static final String NOT_AN_ADDRESS = "(not an address)";

    /**
     * A refused login: the user when the address is registered, else only the address that was tried, when it is an
     * address at all (anything else an attacker typed, HTML say, is stored as {@link #NOT_AN_ADDRESS}).
     */
    public void failedLogin(UUID userId, String triedEmail, String reason) {
        if (userId == null && triedEmail != null && !isAddress(triedEmail)) {
            triedEmail = NOT_AN_ADDRESS;
        }
        write(entry(
                AuditAction.LOGIN_FAILED,
                userId,
                triedEmail,
                userId,
                userId == null ? null : triedEmail,
                Map.of("reason", reason)));
    }

    /** A refusal by a rate limit, at most once per key and {@link #REFUSALS_EVERY}. */
    public void refused(String limitKey) {
        Instant now = clock.instant();
        Instant last = refusals.get(limitKey);
        if (last != null && Duration.between(last, now).compareTo(REFUSALS_EVERY) < 0) {
            return;
        }
        if (refusals.size() >= MAX_REFUSAL_KEYS) {
            refusals.clear();
        }
        refusals.put(limitKey, now);
        store.insert(entry(AuditAction.RATE_LIMITED, null, null, null, null, Map.of("limit", limitKey)));
    }

    private static boolean isAddress(String s) {
        try {
            io.nfidentity.impl.user.EmailAddress.require(s);
            return true;
        } catch (io.nfidentity.ValidationException e) {
            return false;
        }
    }

    private AuditEntry entry(
            AuditAction action,
            UUID actorId,
            String actorEmail,
            UUID targetId,
            String targetEmail,
            Map<String, Object> traits) {
        return new AuditEntry(
                UUID.randomUUID(),
                clock.instant(),
                actorId,
                actorEmail,
                action,
                targetId,
                targetEmail,
                request.address(),
                traits);
    }

    private User caller() {
        HttpServletRequest req = request.get();
        return req == null ? null : RequestState.user(req);
    }
}
