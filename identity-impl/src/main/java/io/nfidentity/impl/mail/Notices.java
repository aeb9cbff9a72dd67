package io.nfidentity.impl.mail;

import io.nfidentity.IdentityException;
import io.nfidentity.impl.config.LogId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mails that tell a user something happened ("your password was changed", "your address was changed"), sent once the
 * change has committed and off the request thread. Unlike a link mail, a notice is best effort: a mail server that is
 * down must not undo a password change, so a failure is logged ({@code NFID0030}) and nothing else.
 */
@ApplicationScoped
public class Notices {
    private static final Logger LOG = Logger.getLogger(Notices.class.getName());

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

    /** Internal carriers: the first waits for the commit, the second runs on the container's async pool. */
    public record Queued(MailKind kind, String to, String email, String newEmail) {}

    public record Due(Queued notice) {}

    /** Sends the notice if and when the current transaction commits (at once when there is none). */
    public void afterCommit(MailKind kind, String to, String email, String newEmail) {
        queued.fire(new Queued(kind, to, email, newEmail));
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued notice) {
        due.fireAsync(new Due(notice));
    }

    void send(@ObservesAsync Due due) {
        Queued n = due.notice();
        try {
            mailer.send(n.kind(), n.to(), n.email(), n.newEmail(), null);
        } catch (IdentityException e) {
            LOG.log(
                    Level.WARNING,
                    LogId.NOTICE_NOT_SENT + ": a " + n.kind().key() + " notice could not be mailed",
                    e.getCause());
        }
    }
}
