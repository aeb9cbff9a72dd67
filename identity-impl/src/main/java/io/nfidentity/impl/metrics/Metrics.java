package io.nfidentity.impl.metrics;

import io.nfidentity.AuditAction;
import io.nfidentity.AuditEntry;
import io.nfidentity.impl.error.StoreException;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The module's metrics, on a registry of their own (the Prometheus Java client's), written in Prometheus' text format
 * by {@link #write}. Most counts come from the audit entries as they are written ({@link #audited}), so every path
 * that records an action is counted the same way; the rest from the few places that know them (the hasher, the
 * limiters, the mailer, the notifier, the session-state cache).
 *
 * <p>Every label value is one of a fixed set of words: a refusal's limit is named by its kind ({@code login:account}),
 * never by the address or client it counted.
 */
public final class Metrics {
    /** The Prometheus text format's content type. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** Login outcomes, as the audit log records them. */
    static final Set<String> FAILURES = Set.of("invalid_credentials", "user_banned", "email_not_confirmed");

    /** A limit key's kind: its first two segments, lower-case words ({@code login:account:...}). */
    private static final Pattern LIMIT_KIND = Pattern.compile("^([a-z_]+:[a-z_]+):");

    private static final double[] HASH_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private final Counter logins = Counter.builder()
            .withoutExemplars() // no tracing here: nothing to sample, no work per increment
            .name("nfidentity_logins_total")
            .help("Logins by outcome: success, provider (an external provider's sign-in), invalid_credentials,"
                    + " user_banned, email_not_confirmed, limited (refused by a rate limit before the password was"
                    + " checked)")
            .labelNames("outcome")
            .register(registry);
    private final Counter signups = Counter.builder()
            .withoutExemplars() // no tracing here: nothing to sample, no work per increment
            .name("nfidentity_signups_total")
            .help("Users created: signups, invitations and administrators' creations")
            .register(registry);
    private final Counter refreshes = Counter.builder()
            .withoutExemplars() // no tracing here: nothing to sample, no work per increment
            .name("nfidentity_refreshes_total")
            .help("Refresh tokens exchanged for new ones")
            .register(registry);
    private final Counter reuse = Counter.builder()
            .withoutExemplars() // no tracing here: nothing to sample, no work per increment
            .name("nfidentity_refresh_reuse_total")
            .help("Rotated refresh tokens presented again after the grace interval: their session was revoked")
            .register(registry);
    private final Counter logouts = Counter.builder()
            .withoutExemplars() // no tracing here: nothing to sample, no work per increment
            .name("nfidentity_logouts_total")
            .help("Sessions ended, by scope: session (one), everywhere (all of a user's)")
            .labelNames("scope")
            .register(registry);
    private final Counter suspensions = Counter.builder()
            .withoutExemplars() // no tracing here: nothing to sample, no work per increment
            .name("nfidentity_suspensions_total")
            .help("Users suspended")
            .register(registry);
    private final Counter refusals = Counter.builder()
            .withoutExemplars() // no tracing here: nothing to sample, no work per increment
            .name("nfidentity_rate_limit_refusals_total")
            .help("Requests refused by a rate limit, by the limit's kind (login:account, login:device, otp:code, ...)")
            .labelNames("limit")
            .register(registry);
    private final Histogram hashWait = Histogram.builder()
            .withoutExemplars()
            .name("nfidentity_password_hash_wait_seconds")
            .help("Time a password hash waited for a hashing slot and its memory")
            .classicUpperBounds(HASH_BUCKETS)
            .register(registry);
    private final Histogram hashTime = Histogram.builder()
            .withoutExemplars()
            .name("nfidentity_password_hash_seconds")
            .help("Time one password hash (or check) took once it had its slot")
            .classicUpperBounds(HASH_BUCKETS)
            .register(registry);
    private final Counter hashBusy = Counter.builder()
            .withoutExemplars() // no tracing here: nothing to sample, no work per increment
            .name("nfidentity_password_hash_busy_total")
            .help("Hashes refused with 503 because every slot stayed busy for nf.identity.password.hash-wait")
            .register(registry);
    private final Counter sessionState = Counter.builder()
            .withoutExemplars() // no tracing here: nothing to sample, no work per increment
            .name("nfidentity_session_state_total")
            .help("Access-token checks by where the user's session state came from: cached, or read from the"
                    + " database")
            .labelNames("source")
            .register(registry);
    private final Counter mails = Counter.builder()
            .withoutExemplars() // no tracing here: nothing to sample, no work per increment
            .name("nfidentity_mails_total")
            .help("Mails by outcome: sent, failed (the mail server refused or was away)")
            .labelNames("outcome")
            .register(registry);
    // read when scraped: the failures are counted where they are raised (StoreException), which holds no bean
    private final CounterWithCallback databaseErrors = CounterWithCallback.builder()
            .name("nfidentity_database_errors_total")
            .help("Database failures by kind: unavailable (the database was away; answered 503), failed (a statement"
                    + " or commit failed; answered 500)")
            .labelNames("kind")
            .callback(cb -> {
                cb.call(StoreException.unavailableCount(), "unavailable");
                cb.call(StoreException.failedCount(), "failed");
            })
            .register(registry);
    private final Counter notifications = Counter.builder()
            .withoutExemplars() // no tracing here: nothing to sample, no work per increment
            .name("nfidentity_notifications_total")
            .help("Notification tries by outcome: delivered, retrying (tried again later), failed (given up)")
            .labelNames("outcome")
            .register(registry);

    /** An audit entry was written (in its action's transaction; a rolled-back action may be counted). */
    public void audited(AuditEntry e) {
        AuditAction action = e.action();
        switch (action) {
            case LOGIN -> {
                Object provider = e.traits().get("provider");
                boolean local = provider == null || "email".equals(provider) || "password".equals(provider);
                logins.labelValues(local ? "success" : "provider").inc();
            }
            case LOGIN_FAILED -> {
                Object reason = e.traits().get("reason");
                logins.labelValues(reason instanceof String r && FAILURES.contains(r) ? r : "other")
                        .inc();
            }
            case USER_SIGNEDUP, USER_INVITED -> signups.inc();
            case TOKEN_REFRESHED -> refreshes.inc();
            case TOKEN_REVOKED -> reuse.inc();
            case LOGOUT -> logouts.labelValues("everywhere".equals(e.traits().get("scope")) ? "everywhere" : "session")
                    .inc();
            case USER_SUSPENDED -> suspensions.inc();
            default -> {
                // the rest is in the audit log, not worth a series
            }
        }
    }

    /** A rate limit refused a request; {@code key} is the limiter's key, of which only the kind is kept. */
    public void refused(String key) {
        var m = LIMIT_KIND.matcher(key == null ? "" : key);
        String kind = m.find() ? m.group(1) : "other";
        refusals.labelValues(kind).inc();
        if (kind.startsWith("login:")) {
            logins.labelValues("limited").inc();
        }
    }

    public void hashWaited(Duration waited) {
        hashWait.observe(seconds(waited));
    }

    public void hashTook(Duration took) {
        hashTime.observe(seconds(took));
    }

    public void hashBusy() {
        hashBusy.inc();
    }

    public void sessionState(boolean cached) {
        sessionState.labelValues(cached ? "cached" : "database").inc();
    }

    public void mail(boolean sent) {
        mails.labelValues(sent ? "sent" : "failed").inc();
    }

    /** @param outcome {@code delivered}, {@code retrying} or {@code failed} */
    public void notification(String outcome) {
        notifications.labelValues(outcome).inc();
    }

    /** Writes every metric in Prometheus' text format. */
    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
