package io.nfidentity.impl.notify;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.config.Platform;
import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.metrics.Metrics;
import io.nfidentity.impl.store.NotificationStore;
import io.nfidentity.impl.store.NotificationStore.NotificationRow;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox. Every node runs one loop, on the container's managed scheduler: every
 * {@code nf.identity.notify.interval}, and at once after a local commit that wrote rows. A round claims a batch of due
 * rows (one short transaction; other nodes skip them), posts them all at once (each bounded by
 * {@code nf.identity.notify.timeout}, so one receiver that never answers holds one slot of one round, never a request),
 * then writes each outcome: delivered on a 2xx; otherwise due again after a back-off that doubles from
 * {@code nf.identity.notify.backoff} up to an hour, or given up after {@code nf.identity.notify.attempts}. Delivery is
 * at least once: a node that dies mid-send leaves its rows to be claimed again when the lease ends, and a receiver drops
 * the repeat by the delivery id ({@code webhook-id}, and {@code id} in the body), which never changes.
 */
@ApplicationScoped
public class Notifier {
    private static final Logger LOG = Logger.getLogger(Notifier.class.getName());

    /** Rows posted per round. */
    static final int BATCH = 20;

    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    /** Beyond the send's timeout, how long a claimed row stays the claimer's (a pause, a slow commit). */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    /** A receiver's error text is cut to this in the row: enough to tell a cause, never a page. */
    static final int MAX_ERROR = 200;

    /** What {@link Outbox} fires: rows were written in the current transaction. */
    public record Recorded() {}

    private final IdentityConfig.Notify config;
    private final String instanceId;
    private final Clock clock;
    private final NotificationWrites writes;
    private final NotificationStore store;
    private final HttpClient http;
    private final Metrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile ManagedScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> task;
    private volatile Instant lastPurge = Instant.EPOCH;
    private volatile boolean stopped;

    @Inject
    public Notifier(
            IdentityConfig config,
            @Internal Clock clock,
            NotificationWrites writes,
            NotificationStore store,
            Metrics metrics) {
        this.metrics = metrics;
        this.config = config == null ? null : config.accounts().webhook().notifications();
        this.instanceId = config == null ? null : config.accounts().webhook().instanceId();
        this.clock = clock;
        this.writes = writes;
        this.store = store;
        this.http = config == null
                ? null
                : HttpClient.newBuilder()
                        .connectTimeout(this.config.timeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /** For the container's client proxy only. */
    protected Notifier() {
        this(null, null, null, null, null);
    }

    /** Starts the loop when receivers are configured; its first round delivers what an earlier run left. */
    public void start() {
        if (config.urls().isEmpty()) {
            return;
        }
        scheduler = Platform.scheduler().orElse(null);
        if (scheduler == null) {
            LOG.warning(LogId.NO_SCHEDULER + ": no managed scheduler found (" + Platform.SCHEDULERS
                    + "); notifications stay in the outbox");
            return;
        }
        long every = config.interval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::round, 0, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        stopped = true; // a round running now ends after its batch; nothing is lost (its rows are leased, then due)
        if (task != null) {
            task.cancel(false);
        }
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Recorded recorded) {
        ManagedScheduledExecutorService s = scheduler;
        if (s != null) {
            s.execute(this::round);
        }
    }

    /** One loop at a time per node: a round asked for while one runs makes that one go on once more. */
    void round() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                while (deliverBatch() == BATCH && !stopped) {
                    // a full batch: more may be due
                }
            } while (again.get() && !stopped);
            purge();
        } catch (RuntimeException e) {
            // while the application stops, its beans go away under a running round: not worth a warning
            LOG.log(
                    stopped ? Level.FINE : Level.WARNING,
                    LogId.NOTIFIER + ": delivering notifications failed; trying again later",
                    e);
        } finally {
            running.set(false);
        }
    }

    private void purge() {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(Duration.ofHours(1)) >= 0) {
            lastPurge = now;
            store.purge(now.minus(config.retention()));
        }
    }

    /** @return how many rows this round claimed */
    int deliverBatch() {
        Instant now = clock.instant();
        List<NotificationRow> claimed =
                writes.claim(now, now.plus(config.timeout()).plus(LEASE_MARGIN), BATCH);
        List<CompletableFuture<Outcome>> sent = new ArrayList<>();
        for (NotificationRow n : claimed) {
            sent.add(send(n));
        }
        for (int i = 0; i < claimed.size(); i++) {
            record(claimed.get(i), sent.get(i).join());
        }
        return claimed.size();
    }

    /** How one try ended: the receiver's status, or {@code null} and why there was none. */
    record Outcome(Integer status, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private CompletableFuture<Outcome> send(NotificationRow n) {
        byte[] body = n.payload().getBytes(StandardCharsets.UTF_8);
        Instant now = clock.instant();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(n.receiver()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "nf-identity")
                .header(StandardSignature.ID, n.id().toString());
        if (config.gotrueSigned()) {
            request.header(GoTrueSignature.HEADER, GoTrueSignature.sign(body, instanceId, config.secret(), now));
        }
        if (config.standardSigned()) {
            long timestamp = now.getEpochSecond();
            request.header(StandardSignature.TIMESTAMP, Long.toString(timestamp))
                    .header(
                            StandardSignature.SIGNATURE,
                            StandardSignature.sign(n.id().toString(), timestamp, body, config.secret()));
        }
        return http.sendAsync(
                        request.POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .thenApply(
                        r -> new Outcome(r.statusCode(), r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode()))
                .exceptionally(Notifier::failure);
    }

    private static Outcome failure(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        String why = cause instanceof HttpConnectTimeoutException
                ? "no connection within the timeout"
                : cause instanceof HttpTimeoutException
                        ? "no answer within the timeout"
                        : cause instanceof java.net.ConnectException
                                ? "connection refused"
                                : cause.getClass().getSimpleName();
        return new Outcome(null, why.length() > MAX_ERROR ? why.substring(0, MAX_ERROR) : why);
    }

    private void record(NotificationRow n, Outcome outcome) {
        Instant now = clock.instant();
        if (outcome.delivered()) {
            writes.delivered(n, now, outcome.status());
            metrics.notification("delivered");
            return;
        }
        boolean giveUp = n.attempts() >= config.attempts();
        metrics.notification(giveUp ? "failed" : "retrying");
        if (giveUp) {
            LOG.warning(LogId.NOTIFICATION_FAILED + ": notification " + n.id() + " (" + n.event() + ") to "
                    + Notifications.origin(n.receiver()) + " given up after " + n.attempts() + " attempts: "
                    + outcome.error());
        } else {
            LOG.info(LogId.NOTIFICATION_RETRYING + ": notification " + n.id() + " (" + n.event() + ") to "
                    + Notifications.origin(n.receiver()) + " failed (" + outcome.error() + "), attempt " + n.attempts()
                    + " of "
                    + config.attempts());
        }
        writes.failed(n, now.plus(backoff(config.backoff(), n.attempts())), giveUp, outcome.status(), outcome.error());
    }

    /** The wait after the {@code attempt}-th failure: the first back-off, doubled each time, at most an hour. */
    static Duration backoff(Duration first, int attempt) {
        Duration d = first;
        for (int i = 1; i < attempt && d.compareTo(MAX_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
