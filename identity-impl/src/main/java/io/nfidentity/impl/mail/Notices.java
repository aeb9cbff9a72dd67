package io.nfidentity.impl.mail;

import io.nfidentity.IdentityException;
import io.nfidentity.impl.config.Platform;
import io.nfidentity.impl.error.LogId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every mail, sent once the change that asks for it has committed, and off the request thread: notices ("your password
 * was changed") and link mails (a confirmation, a recovery) alike. So a request that mails answers as fast, and with
 * the same status, as one that does not: {@code /recover} for a registered address looks like one for an unknown
 * address even when the mail server is slow or down, and a mail server that is down never undoes a change. A mail that
 * the server does not take is tried again after {@link #RETRIES} ({@code NFID0030} each time), then given up
 * ({@code NFID0034}); a link's holder can ask for it again. The token of a link mail lives only in memory here: the
 * database holds its hash.
 */
@ApplicationScoped
public class Notices {
    private static final Logger LOG = Logger.getLogger(Notices.class.getName());

    /** The waits before the second, third and fourth try. */
    static final List<Duration> RETRIES = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(3));

    private final Event<Queued> queued;

    private final Event<Due> due;

    private final Mailer mailer;

    @Inject
    public Notices(Event<Queued> queued, Event<Due> due, Mailer mailer) {
        this.queued = queued;
        this.due = due;
        this.mailer = mailer;
    }

    /** For the container's client proxy only. */
    protected Notices() {
        this(null, null, null);
    }

    /**
     * Internal carriers: the first waits for the commit, the second runs on the container's async pool.
     *
     * @param token the token a link mail carries, or {@code null} for a notice
     */
    public record Queued(MailKind kind, String to, String email, String newEmail, String token, String code) {
        @Override
        public String toString() {
            return "Queued[" + kind.key() + "]"; // never the token or the address
        }
    }

    /** @param attempt 1 for the first try */
    public record Due(Queued mail, int attempt) {}

    /** Sends the notice if and when the current transaction commits (at once when there is none). */
    public void afterCommit(MailKind kind, String to, String email, String newEmail) {
        queued.fire(new Queued(kind, to, email, newEmail, null, null));
    }

    /** Sends a mail carrying {@code token} if and when the current transaction commits. */
    public void linkAfterCommit(MailKind kind, String to, String email, String newEmail, String token) {
        queued.fire(new Queued(kind, to, email, newEmail, token, null));
    }

    /** Sends a sign-in mail carrying a link's {@code token} and a {@code code} if and when the transaction commits. */
    public void signInAfterCommit(String to, String token, String code) {
        queued.fire(new Queued(MailKind.MAGIC_LINK, to, to, null, token, code));
    }

    /** Observer: the transaction that queued the mail committed. */
    public void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued mail) {
        due.fireAsync(new Due(mail, 1));
    }

    /** Observer, on the container's async pool: one try. */
    public void send(@ObservesAsync Due due) {
        Queued n = due.mail();
        try {
            mailer.send(n.kind(), n.to(), n.email(), n.newEmail(), n.token(), n.code());
        } catch (IdentityException e) {
            retryOrGiveUp(due, e);
        }
    }

    private void retryOrGiveUp(Due failed, IdentityException e) {
        String kind = failed.mail().kind().key();
        if (failed.attempt() > RETRIES.size()) {
            LOG.log(
                    Level.WARNING,
                    LogId.MAIL_GIVEN_UP + ": a " + kind + " mail was not taken by the mail server after "
                            + failed.attempt() + " tries; it is dropped",
                    e.getCause());
            return;
        }
        Duration wait = RETRIES.get(failed.attempt() - 1);
        LOG.log(
                Level.WARNING,
                LogId.NOTICE_NOT_SENT + ": a " + kind + " mail could not be sent (try " + failed.attempt()
                        + "); trying again in " + wait.toSeconds() + " s",
                e.getCause());
        Due next = new Due(failed.mail(), failed.attempt() + 1);
        Platform.scheduler()
                .ifPresentOrElse(
                        s -> s.schedule(() -> due.fireAsync(next), wait.toMillis(), TimeUnit.MILLISECONDS),
                        () -> LOG.warning(LogId.MAIL_GIVEN_UP + ": no managed scheduler to try a " + kind
                                + " mail again; it is dropped"));
    }
}
