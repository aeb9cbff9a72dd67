package io.nfidentity.impl.health;

import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.config.Platform;
import io.nfidentity.impl.revocation.ChangeListener;
import io.nfidentity.impl.token.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * The node's health. Ready when the application started (configuration valid, schema migrated, keys read), the
 * signing keys are loaded, and the database answers a validity check within {@link #DATABASE_BOUND}; the cluster
 * listener's state is reported, never a reason to be unready (without it revocations still arrive, later). Live
 * unless startup failed: a node that cannot reach its database is not ready, but restarting it would not help.
 *
 * <p>The database check runs on the container's managed executor and is waited for at most the bound, so a database
 * that hangs (a network black hole, an exhausted pool) makes the node unready within two seconds instead of holding
 * the load balancer's probe; one check at a time is in flight, and probes meanwhile share it.
 */
@ApplicationScoped
public class Health {
    public static final Duration DATABASE_BOUND = Duration.ofSeconds(2);

    /** One check's outcome: {@code detail} says why it is down, or what it found. */
    public record Check(String name, boolean up, String detail) {}

    /** All checks of one kind; up when every one is. */
    public record Report(boolean up, List<Check> checks) {
        /** The checks as {@code name: UP} or {@code name: DOWN (detail)}, for a health endpoint's data. */
        public Map<String, String> data() {
            Map<String, String> out = new LinkedHashMap<>();
            for (Check c : checks) {
                out.put(c.name(), (c.up() ? "UP" : "DOWN") + (c.detail() == null ? "" : " (" + c.detail() + ")"));
            }
            return out;
        }
    }

    private final DataSource dataSource;
    private final SigningKeys keys;
    private final ChangeListener changes;
    private volatile boolean started;
    private volatile String startFailure;
    private CompletableFuture<Void> probe;
    private Executor executor;
    private long probeStarted;

    @Inject
    public Health(@Internal DataSource dataSource, SigningKeys keys, ChangeListener changes) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.changes = changes;
    }

    /** For the container's client proxy only. */
    protected Health() {
        this(null, null, null);
    }

    /** Startup finished: configuration read and valid, schema migrated, keys read, background work started. */
    public void started() {
        started = true;
        startFailure = null;
    }

    /** Startup failed with this (the deployment is then refused on most servers; where not, the node says so). */
    public void failed(String why) {
        startFailure = why;
    }

    public Report readiness() {
        List<Check> checks = new ArrayList<>();
        checks.add(startedCheck());
        checks.add(new Check("signing-keys", keys.loaded(), keys.loaded() ? null : "not read yet"));
        String database = database();
        checks.add(new Check("database", database == null, database));
        checks.add(new Check("cluster-listener", true, changes.state()));
        return new Report(checks.stream().allMatch(Check::up), List.copyOf(checks));
    }

    public Report liveness() {
        Check live = new Check("started", startFailure == null, startFailure);
        return new Report(live.up(), List.of(live));
    }

    public Report startup() {
        Check s = startedCheck();
        return new Report(s.up(), List.of(s));
    }

    private Check startedCheck() {
        return new Check("started", started, started ? null : startFailure != null ? startFailure : "starting");
    }

    /** @return {@code null} when the database answered within the bound, else why not */
    private String database() {
        CompletableFuture<Void> check;
        synchronized (this) {
            // one probe in flight; a finished one answers for a second, so a flood of probes is not a flood of pings
            boolean fresh =
                    probe != null && probe.isDone() && System.nanoTime() - probeStarted < TimeUnit.SECONDS.toNanos(1);
            if (probe == null || (probe.isDone() && !fresh)) {
                probeStarted = System.nanoTime();
                if (executor == null) {
                    executor = Platform.scheduler().map(Executor.class::cast).orElse(Runnable::run);
                }
                probe = CompletableFuture.runAsync(this::ping, executor);
            }
            check = probe;
        }
        try {
            check.get(DATABASE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return "no answer within " + DATABASE_BOUND.toSeconds() + " s";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while (cause instanceof IllegalStateException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            // the SQL state or the kind of failure, never the driver's message (it may name hosts and users)
            return "unreachable: "
                    + (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                            ? "SQL state " + sql.getSQLState()
                            : cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void ping() {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid((int) DATABASE_BOUND.toSeconds())) {
                throw new IllegalStateException("the connection is not valid");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
