package io.nfidentity.impl.mfa;

import io.nfidentity.AuditAction;
import io.nfidentity.NotAuthenticatedException;
import io.nfidentity.UserBannedException;
import io.nfidentity.event.UserModified;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.event.EventDispatcher;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.mail.Notices;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.session.SessionWrites;
import io.nfidentity.impl.store.FactorStore;
import io.nfidentity.impl.store.FactorStore.ChallengeRow;
import io.nfidentity.impl.store.FactorStore.FactorRow;
import io.nfidentity.impl.store.SessionStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.SecretSeal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/** The transactional steps of second factors: each is all or nothing. */
@ApplicationScoped
public class FactorWrites {
    private final IdentityConfig config;

    private final Clock clock;

    private final UserStore users;

    private final FactorStore factors;

    private final SessionStore sessionRows;

    private final SessionWrites sessions;

    private final SecretSeal seal;

    private final EventDispatcher events;

    private final AuditLog audit;

    private final Notices notices;

    @Inject
    public FactorWrites(
            IdentityConfig config,
            @Internal Clock clock,
            UserStore users,
            FactorStore factors,
            SessionStore sessionRows,
            SessionWrites sessions,
            SecretSeal seal,
            EventDispatcher events,
            AuditLog audit,
            Notices notices) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.factors = factors;
        this.sessionRows = sessionRows;
        this.sessions = sessions;
        this.seal = seal;
        this.events = events;
        this.audit = audit;
        this.notices = notices;
    }

    /** For the container's client proxy only. */
    protected FactorWrites() {
        this(null, null, null, null, null, null, null, null, null, null);
    }

    /** A verified code: the new session pair, and the recovery codes when this was the user's first factor. */
    public record Verified(Session session, List<String> recoveryCodes, String method) {}

    /** A new factor, and its secret as the authenticator app needs it (the row holds it sealed). */
    public record Enrolment(FactorRow row, String secret) {
        @Override
        public String toString() {
            return "Enrolment[" + row + "]";
        }
    }

    @Transactional
    public Enrolment enroll(UUID userId, String friendlyName) {
        UserRow user = users.findByIdForUpdate(userId).orElseThrow(NotAuthenticatedException::new);
        List<FactorRow> existing = factors.ofUser(userId);
        if (existing.size() >= config.accounts().mfa().maxFactors()) {
            throw Problem.MFA_TOO_MANY_FACTORS.exception();
        }
        if (friendlyName != null && existing.stream().anyMatch(f -> friendlyName.equals(f.friendlyName()))) {
            throw Problem.MFA_NAME_CONFLICT.exception();
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String secret = Totp.newSecret();
        FactorRow row = new FactorRow(
                id, userId, "totp", friendlyName, seal.seal(id.toString(), secret), false, null, now, now);
        factors.insert(row);
        audit.self(AuditAction.FACTOR_ENROLLED, userId, user.email(), Map.of("factor_id", id.toString()));
        return new Enrolment(row, secret);
    }

    @Transactional
    public ChallengeRow challenge(UUID userId, UUID sessionId, UUID factorId) {
        factors.find(userId, factorId).orElseThrow(Problem.MFA_FACTOR_NOT_FOUND::exception);
        Instant now = clock.instant();
        ChallengeRow c = new ChallengeRow(
                UUID.randomUUID(),
                factorId,
                sessionId,
                now.plus(config.accounts().mfa().challengeExpiry()),
                null);
        factors.insertChallenge(c, now);
        return c;
    }

    /**
     * Checks a code (or a recovery code) against the challenge of this very session and factor, spends both, and
     * steps the session up to level 2.
     *
     * @throws io.nfidentity.IdentityException 422 {@code mfa_verification_failed} for a wrong or replayed code; 404 for
     *     a factor or challenge that is not this user's and session's; 422 {@code mfa_challenge_expired}
     */
    @Transactional
    public Verified verify(UUID userId, UUID sessionId, UUID factorId, UUID challengeId, String code) {
        Instant now = clock.instant();
        // the sessions' locks first, as a rotation and a factor's removal take them: no order of theirs can deadlock
        sessions.lockSessionsOf(userId);
        sessionRows.lockLive(sessionId, userId).orElseThrow(NotAuthenticatedException::new);
        UserRow user = users.findById(userId).orElseThrow(NotAuthenticatedException::new);
        if (user.suspendedAt(now)) {
            throw new UserBannedException();
        }
        FactorRow factor = factors.find(userId, factorId).orElseThrow(Problem.MFA_FACTOR_NOT_FOUND::exception);
        ChallengeRow challenge = factors.challenge(challengeId)
                .filter(c -> c.factorId().equals(factorId) && c.sessionId().equals(sessionId))
                .orElseThrow(Problem.MFA_CHALLENGE_NOT_FOUND::exception);
        if (challenge.verifiedAt() != null || !challenge.expiresAt().isAfter(now)) {
            throw Problem.MFA_CHALLENGE_EXPIRED.exception();
        }
        String method = spendCode(factor, code, now);
        if (!factors.spendChallenge(challengeId, now)) {
            throw Problem.MFA_CHALLENGE_EXPIRED.exception(); // a concurrent verification spent it first
        }
        List<String> codes = List.of();
        if (!factor.verified()) {
            // a new factor in force: observers may refuse it, and the owner hears of it, whoever added it
            user = modified(user, now);
            notices.afterCommit(MailKind.FACTOR_ADDED, user.email(), user.email(), null);
            if (factors.ofUser(userId).stream().noneMatch(f -> f.verified() && !f.id().equals(factorId))) {
                codes = RecoveryCodes.generate();
                factors.replaceRecoveryCodes(userId, RecoveryCodes.hashes(codes), now);
            }
        }
        if ("recovery".equals(method)) {
            notices.afterCommit(MailKind.RECOVERY_CODE_USED, user.email(), user.email(), null);
        }
        Session session = sessions.stepUp(user, sessionId, method, factorId);
        audit.self(
                "recovery".equals(method) ? AuditAction.RECOVERY_CODE_USED : AuditAction.FACTOR_VERIFIED,
                userId,
                user.email(),
                Map.of("factor_id", factorId.toString()));
        return new Verified(session, codes, method);
    }

    /**
     * {@code UserModified} for a change of the user's factors: an observer may deny it (nothing is stored) or change
     * the metadata, which is stored (a role change then refuses tokens of the old roles). The caller holds the user's
     * session locks.
     */
    private UserRow modified(UserRow user, Instant now) {
        UserModified event = events.fire(new UserModified(user.toUser()));
        UserRow row = user.withMetadata(
                new java.util.LinkedHashMap<>(event.user().appMetadata()),
                event.user().userMetadata(),
                now);
        if (row.appMetadata().equals(user.appMetadata()) && row.userMetadata().equals(user.userMetadata())) {
            return user;
        }
        users.update(row);
        if (!row.toUser().roles().equals(user.toUser().roles())) {
            sessions.rolesChanged(user.id());
        }
        return row;
    }

    /** {@code totp} when the code is the factor's for a step not used before, {@code recovery} for an unused code. */
    private String spendCode(FactorRow factor, String code, Instant now) {
        OptionalLong step =
                Totp.match(seal.open(factor.id().toString(), factor.secret()), code, now, factor.lastStep());
        if (step.isPresent()) {
            if (factors.acceptStep(factor.id(), step.getAsLong(), now)) {
                return "totp";
            }
            throw Problem.MFA_VERIFICATION_FAILED.exception(); // a concurrent use of the same code won
        }
        String hash = factor.verified() ? RecoveryCodes.hash(code) : null;
        if (hash != null && factors.useRecoveryCode(factor.userId(), hash, now)) {
            return "recovery";
        }
        throw Problem.MFA_VERIFICATION_FAILED.exception();
    }

    /**
     * Removes a factor. A verified one drops every session of the user to level 1 (their locks held, so no rotation
     * in flight issues a level-2 token after it) and refuses level-2 access tokens on every node; the recovery codes
     * go with the last verified factor.
     *
     * @param by {@code self} or {@code admin}, for the audit entry
     */
    @Transactional
    public void delete(UUID userId, UUID factorId, String by) {
        UserRow user = users.findById(userId).orElseThrow(io.nfidentity.UserNotFoundException::new);
        FactorRow factor = factors.find(userId, factorId).orElseThrow(Problem.MFA_FACTOR_NOT_FOUND::exception);
        sessions.lockSessionsOf(userId);
        factors.delete(userId, factorId);
        if (factor.verified()) {
            modified(user, clock.instant());
            notices.afterCommit(MailKind.FACTOR_REMOVED, user.email(), user.email(), null);
            sessions.dropToLevelOne(userId);
            if (factors.ofUser(userId).stream().noneMatch(FactorRow::verified)) {
                factors.deleteRecoveryCodes(userId);
            }
        }
        Map<String, Object> traits = Map.of("factor_id", factorId.toString(), "by", by);
        if ("admin".equals(by)) {
            audit.byCaller(AuditAction.FACTOR_REMOVED, userId, user.email(), traits);
        } else {
            audit.self(AuditAction.FACTOR_REMOVED, userId, user.email(), traits);
        }
    }

    @Transactional
    public List<String> regenerateRecoveryCodes(UUID userId) {
        UserRow user = users.findById(userId).orElseThrow(NotAuthenticatedException::new);
        if (factors.ofUser(userId).stream().noneMatch(FactorRow::verified)) {
            throw Problem.MFA_NO_VERIFIED_FACTOR.exception();
        }
        List<String> codes = RecoveryCodes.generate();
        factors.replaceRecoveryCodes(userId, RecoveryCodes.hashes(codes), clock.instant());
        audit.self(AuditAction.RECOVERY_CODES_REGENERATED, userId, user.email(), Map.of());
        return codes;
    }
}
