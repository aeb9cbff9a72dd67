package io.nfidentity.impl.event;

import io.nfidentity.IdentityException;
import io.nfidentity.event.IdentityEvent;
import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.error.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires lifecycle events. {@link #fire} delivers to synchronous observers at once, on the caller's thread and inside
 * its transaction, and queues the same event for asynchronous observers once that transaction commits. The queue is a
 * CDI transactional observer ({@code AFTER_SUCCESS}): a rolled-back action never reaches {@code @ObservesAsync}.
 */
@ApplicationScoped
public class EventDispatcher {
    private static final Logger LOG = Logger.getLogger(EventDispatcher.class.getName());

    private final Event<IdentityEvent> events;

    private final Event<AfterCommit> afterCommit;

    @Inject
    public EventDispatcher(Event<IdentityEvent> events, Event<AfterCommit> afterCommit) {
        this.events = events;
        this.afterCommit = afterCommit;
    }

    /** For the container's client proxy only. */
    protected EventDispatcher() {
        this(null, null);
    }

    /** Internal carrier, so only our own transactional observer sees the event a second time. */
    public record AfterCommit(IdentityEvent event) {}

    /**
     * Delivers to synchronous observers. A denial propagates as is (401); any other failure of an observer becomes a
     * 500 with an error id, and either way the caller's transaction rolls back.
     *
     * @return the event, with whatever changes observers made
     */
    public <E extends IdentityEvent> E fire(E event) {
        try {
            events.fire(event);
        } catch (IdentityException e) {
            LOG.log(Level.FINE, "lifecycle observer refused " + event.getClass().getSimpleName(), e);
            throw e;
        } catch (RuntimeException e) {
            throw Problem.HOOK_FAILED.exception(e);
        }
        afterCommit.fire(new AfterCommit(event));
        return event;
    }

    void deliverAsync(@Observes(during = TransactionPhase.AFTER_SUCCESS) AfterCommit committed) {
        IdentityEvent event = committed.event();
        event.freeze();
        events.fireAsync(event).exceptionally(failure -> {
            LOG.log(
                    Level.WARNING,
                    LogId.ASYNC_OBSERVER_FAILED + ": an asynchronous observer of "
                            + event.getClass().getSimpleName() + " failed; the action itself had already completed",
                    failure);
            return event;
        });
    }
}
