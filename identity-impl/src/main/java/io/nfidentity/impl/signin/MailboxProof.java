package io.nfidentity.impl.signin;

import io.nfidentity.impl.lifecycle.UserCreation;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.session.SessionWrites;
import io.nfidentity.impl.store.OneTimeTokenStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;

/**
 * The pre-hijacking rule, in one place for every sign-in that proves the mailbox (a provider's verified address, a
 * mailed sign-in code or link): whatever credential of the account never proved it (a password from an autoconfirmed
 * signup, an import or an administrator, or a signup nobody confirmed) may be the work of someone who registered the
 * address first to wait for its owner. Such an account is taken over by the proof: that password, the user metadata
 * its holder wrote and every session are dropped, pending confirmation and recovery links are voided, and an
 * unconfirmed signup is confirmed ({@code UserSignup}). A password that was proven stays.
 *
 * <p>The caller holds the user's session locks, then the user's row ({@link SessionWrites#lockSessionsOf}, then
 * {@link UserStore#findByIdForUpdate}), in that order, as everywhere.
 */
@Dependent // stateless; a normal scope would need a proxy, and so a no-argument constructor
public class MailboxProof {
    private final UserStore users;
    private final OneTimeTokenStore tokens;
    private final UserCreation creation;
    private final SessionWrites sessions;

    @Inject
    public MailboxProof(UserStore users, OneTimeTokenStore tokens, UserCreation creation, SessionWrites sessions) {
        this.users = users;
        this.tokens = tokens;
        this.creation = creation;
        this.sessions = sessions;
    }

    /** What the proof did to the account. */
    public record Outcome(UserRow user, boolean tookOver, boolean wasConfirmed) {}

    /**
     * Applies the rule and stores the user.
     *
     * @param appMetadata the user's app metadata after the sign-in (a provider adds itself to {@code providers})
     */
    public Outcome prove(UserRow user, Map<String, Object> appMetadata, Instant now) {
        boolean unconfirmed = user.confirmedAt() == null;
        boolean takeOver = unconfirmed || (user.encryptedPassword() != null && !users.passwordProven(user.id()));
        if (!takeOver) {
            UserRow kept = user.withMetadata(appMetadata, user.userMetadata(), now);
            return new Outcome(kept, false, true);
        }
        boolean contested = users.takeContested(user.id());
        // metadata written with a password nobody proved, or contested by a second request, may be a squatter's;
        // that of a passwordless signup nobody contested (a first POST /otp with data) is the mailbox owner's
        boolean keepMetadata = unconfirmed && user.encryptedPassword() == null && !contested;
        UserRow taken = user.withPassword(null, now)
                .withMetadata(appMetadata, keepMetadata ? user.userMetadata() : Map.of(), now);
        tokens.voidAll(taken.id(), MailKind.CONFIRMATION.key());
        tokens.voidAll(taken.id(), MailKind.RECOVERY.key());
        if (unconfirmed) {
            taken = creation.confirm(taken, now);
        }
        users.update(taken);
        sessions.endEverySession(taken.id());
        return new Outcome(taken, true, !unconfirmed);
    }
}
