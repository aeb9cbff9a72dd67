package io.nfidentity.impl.passkey;

import io.nfidentity.AuditAction;
import io.nfidentity.NotAuthenticatedException;
import io.nfidentity.UserBannedException;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.mail.Notices;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.session.SessionWrites;
import io.nfidentity.impl.store.PasskeyStore;
import io.nfidentity.impl.store.PasskeyStore.ChallengeRow;
import io.nfidentity.impl.store.PasskeyStore.PasskeyRow;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The transactional steps of passkeys: challenges stored and spent, passkeys added, used and removed. */
@ApplicationScoped
public class PasskeyWrites {
    /** How the session list, the audit and the tokens' {@code amr} name a passkey sign-in. */
    static final String METHOD = "webauthn";

    private final Clock clock;
    private final UserStore users;
    private final PasskeyStore passkeys;
    private final SessionWrites sessions;
    private final AuditLog audit;
    private final Notices notices;

    @Inject
    public PasskeyWrites(
            @Internal Clock clock,
            UserStore users,
            PasskeyStore passkeys,
            SessionWrites sessions,
            AuditLog audit,
            Notices notices) {
        this.clock = clock;
        this.users = users;
        this.passkeys = passkeys;
        this.sessions = sessions;
        this.audit = audit;
        this.notices = notices;
    }

    /** For the container's client proxy only. */
    protected PasskeyWrites() {
        this(null, null, null, null, null, null);
    }

    /** Stores a challenge; a registration's replaces the session's earlier one, so a loop cannot grow the table. */
    @Transactional
    public void storeChallenge(String hash, ChallengeRow challenge) {
        if (challenge.sessionId() != null) {
            passkeys.dropChallengesOf(challenge.sessionId(), challenge.purpose());
        }
        passkeys.insertChallenge(hash, challenge, clock.instant());
    }

    /** Spends a challenge (whatever follows): its row for the one caller that spent it. */
    @Transactional
    public Optional<ChallengeRow> takeChallenge(String hash) {
        return passkeys.take(hash);
    }

    /**
     * Adds a verified passkey to the user, under the user's row lock so the limit holds against concurrent
     * registrations; the user is told by mail.
     */
    @Transactional
    public PasskeyRow add(PasskeyRow passkey, int max) {
        UserRow user = users.findByIdForUpdate(passkey.userId()).orElseThrow(NotAuthenticatedException::new);
        if (passkeys.byCredentialId(passkey.credentialId()).isPresent()) {
            throw Problem.PASSKEY_EXISTS.exception();
        }
        if (passkeys.ofUser(user.id()).size() >= max) {
            throw Problem.TOO_MANY_PASSKEYS.exception();
        }
        passkeys.insert(passkey);
        audit.self(
                AuditAction.PASSKEY_ADDED,
                user.id(),
                user.email(),
                Map.of("passkey_id", passkey.id().toString(), "backup_eligible", passkey.backupEligible()));
        notices.afterCommit(MailKind.PASSKEY_ADDED, user.email(), user.email(), null);
        return passkey;
    }

    /**
     * Signs in with a verified assertion: the counter moves forward only if no other use moved it meanwhile, a
     * suspended user is refused, and {@code UserLogin} fires. With user verification the session starts at level 2
     * (the passkey is something the user has, unlocked by something they know or are).
     */
    @Transactional
    public Session signIn(PasskeyRow passkey, long signCount, boolean backedUp, boolean userVerified) {
        Instant now = clock.instant();
        sessions.lockSessionsOf(passkey.userId()); // sessions before the user's row, as everywhere
        UserRow user = users.findByIdForUpdate(passkey.userId()).orElseThrow(Problem.PASSKEY_REFUSED::exception);
        if (user.suspendedAt(now)) {
            throw new UserBannedException();
        }
        if (!passkeys.used(passkey.id(), passkey.signCount(), signCount, backedUp, now)) {
            throw Problem.PASSKEY_REFUSED.exception(); // another use moved the counter meanwhile
        }
        return userVerified ? sessions.signInAtLevelTwo(user, METHOD, passkey.id()) : sessions.signIn(user, METHOD);
    }

    /** Audits a counter that did not move forward (the caller then refuses the sign-in). */
    @Transactional
    public void counterRegressed(PasskeyRow passkey, long presented) {
        users.findById(passkey.userId())
                .ifPresent(user -> audit.self(
                        AuditAction.PASSKEY_COUNTER_REGRESSED,
                        user.id(),
                        user.email(),
                        Map.of(
                                "passkey_id", passkey.id().toString(),
                                "stored", passkey.signCount(),
                                "presented", presented)));
    }

    @Transactional
    public void rename(UUID userId, UUID id, String name) {
        if (!passkeys.rename(userId, id, name)) {
            throw Problem.PASSKEY_NOT_FOUND.exception();
        }
    }

    /**
     * Removes a passkey. Sessions at level 2 drop to level 1 on every node (as when a second factor is removed): a
     * session the removed passkey opened keeps no more than a password would give it.
     *
     * @param by {@code self} or {@code admin}, for the audit entry
     */
    @Transactional
    public void delete(UUID userId, UUID id, String by) {
        UserRow user = users.findById(userId).orElseThrow(Problem.PASSKEY_NOT_FOUND::exception);
        sessions.lockSessionsOf(userId);
        if (!passkeys.delete(userId, id)) {
            throw Problem.PASSKEY_NOT_FOUND.exception();
        }
        sessions.dropToLevelOne(userId);
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("passkey_id", id.toString());
        traits.put("by", by);
        if (by.equals("admin")) {
            audit.byCaller(AuditAction.PASSKEY_REMOVED, userId, user.email(), traits);
        } else {
            audit.self(AuditAction.PASSKEY_REMOVED, userId, user.email(), traits);
        }
    }
}
