package io.nfidentity.impl.housekeeping;

import io.nfidentity.impl.admin.KeyAdmin;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.config.Platform;
import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.revocation.ChangeListener;
import io.nfidentity.impl.store.AuditStore;
import io.nfidentity.impl.store.ExternalStore;
import io.nfidentity.impl.store.OneTimeTokenStore;
import io.nfidentity.impl.store.PasskeyStore;
import io.nfidentity.impl.store.RateLimitStore;
import io.nfidentity.impl.store.RefreshTokenStore;
import io.nfidentity.impl.store.UserStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Deletes what can no longer matter, every {@code nf.identity.purge-interval}: refresh tokens past their expiry,
 * families ended more than a day ago, mailed tokens past their expiry, and rate-limit rows whose window is over (so
 * keys an attacker makes up cannot grow a table without bound). Runs on the container's managed scheduler; every
 * node of a cluster may run it, the deletes do not conflict. Every {@code nf.identity.jwt.keys-refresh} it re-reads
 * the signing keys (rotation steps taken on other nodes) and retires previous keys whose tokens have all expired.
 */
@ApplicationScoped
public class Housekeeping {
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());
    /** The platform's default thread factory, then WildFly's global name for it. */
    private static final List<String> THREAD_FACTORIES =
            List.of("java:comp/DefaultManagedThreadFactory", "java:jboss/ee/concurrency/factory/default");

    static final Duration ENDED_FAMILIES_KEPT = Duration.ofDays(1);
    static final Duration RATE_WINDOW = Duration.ofHours(1);

    private final IdentityConfig config;

    private final Clock clock;

    private final RefreshTokenStore refreshTokens;

    private final OneTimeTokenStore oneTimeTokens;

    private final PasskeyStore passkeys;

    private final RateLimitStore rateLimits;

    private final AuditStore audit;

    private final UserStore users;

    private final KeyAdmin keys;

    private final ExternalStore external;

    private final ChangeListener changes;

    /** Audit entries deleted per statement, so a first purge of a long log holds no long transaction. */
    static final int AUDIT_BATCH = 10_000;

    @Inject
    public Housekeeping(
            IdentityConfig config,
            @Internal Clock clock,
            RefreshTokenStore refreshTokens,
            OneTimeTokenStore oneTimeTokens,
            RateLimitStore rateLimits,
            AuditStore audit,
            UserStore users,
            KeyAdmin keys,
            ExternalStore external,
            ChangeListener changes,
            PasskeyStore passkeys) {
        this.passkeys = passkeys;
        this.config = config;
        this.clock = clock;
        this.refreshTokens = refreshTokens;
        this.oneTimeTokens = oneTimeTokens;
        this.rateLimits = rateLimits;
        this.audit = audit;
        this.users = users;
        this.keys = keys;
        this.external = external;
        this.changes = changes;
    }

    /** For the container's client proxy only. */
    protected Housekeeping() {
        this(null, null, null, null, null, null, null, null, null, null, null);
    }

    private ScheduledFuture<?> task;

    private ScheduledFuture<?> keyTask;

    public void start() {
        ManagedScheduledExecutorService scheduler = Platform.scheduler().orElse(null);
        if (scheduler == null) {
            LOG.warning(LogId.NO_SCHEDULER + ": no managed scheduler found (" + Platform.SCHEDULERS
                    + "); expired tokens are not purged");
            return;
        }
        long every = config.storage().purgeInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.MILLISECONDS);
        scheduler.execute(this::learn); // once at startup; then with every purge
        changes.start(ownThread().orElse(scheduler));
        long keysEvery = config.keys().refresh().toMillis();
        keyTask = scheduler.scheduleWithFixedDelay(keys::refresh, keysEvery, keysEvery, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        if (keyTask != null) {
            keyTask.cancel(false);
        }
    }

    void purge() {
        try {
            Instant now = clock.instant();
            int refresh = refreshTokens.purge(now, now.minus(ENDED_FAMILIES_KEPT));
            int mailed = oneTimeTokens.purgeExpired(now) + passkeys.purgeExpired(now);
            int limits = rateLimits.purge(now.minus(RATE_WINDOW), now);
            int entries = purgeAudit(now.minus(config.storage().auditRetention()));
            int states = external.purgeStates(now);
            learn();
            LOG.fine(() -> LogId.PURGE + ": purged " + refresh + " refresh tokens, " + mailed
                    + " mailed tokens and passkey challenges, " + limits + " rate-limit rows, " + entries
                    + " audit entries, " + states + " unfinished sign-ins");
        } catch (RuntimeException e) {
            // the database may be down; the next run tries again
            LOG.log(Level.FINE, LogId.PURGE + ": purge failed; retrying at the next interval", e);
        }
    }

    /** What searches should leave out of the trigram index ({@link UserStore#learnCommonTrigrams}). */
    void learn() {
        try {
            users.learnCommonTrigrams();
        } catch (RuntimeException e) {
            LOG.log(
                    Level.FINE,
                    LogId.PURGE + ": could not sample the users' common trigrams; searches are unchanged",
                    e);
        }
    }

    /** Batch after batch, each its own statement, until none is older than the retention period. */
    int purgeAudit(Instant before) {
        int total = 0;
        int n;
        do {
            n = audit.purge(before, AUDIT_BATCH);
            total += n;
        } while (n == AUDIT_BATCH);
        return total;
    }

    /**
     * A thread of its own from the platform's managed thread factory, for the listener that runs as long as the
     * application: on a scheduler it would hold one of the pool's threads for good (Payara's default scheduler has
     * one, and purges would never run).
     */
    private static Optional<Executor> ownThread() {
        for (String name : THREAD_FACTORIES) {
            try {
                ManagedThreadFactory factory = (ManagedThreadFactory) new InitialContext().lookup(name);
                return Optional.of(task -> {
                    Thread t = factory.newThread(task);
                    t.setName("nf-identity-changes");
                    t.start();
                });
            } catch (NamingException | ClassCastException e) {
                // try the next name
            }
        }
        return Optional.empty();
    }
}
