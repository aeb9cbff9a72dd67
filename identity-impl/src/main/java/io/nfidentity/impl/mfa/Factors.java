package io.nfidentity.impl.mfa;

import io.nfidentity.AssuranceLevel;
import io.nfidentity.AuditAction;
import io.nfidentity.Factor;
import io.nfidentity.IdentityException;
import io.nfidentity.InsufficientAalException;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.limit.Limiters;
import io.nfidentity.impl.session.Caller;
import io.nfidentity.impl.session.RecentLogin;
import io.nfidentity.impl.store.FactorStore;
import io.nfidentity.impl.store.FactorStore.ChallengeRow;
import io.nfidentity.impl.store.FactorStore.FactorRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Second factors (TOTP and recovery codes), in Supabase's flow: enrol, challenge, verify; remove.
 *
 * <p>Who could reach a level-2 session, or lock the owner out, before the owner? A thief of a level-1 session (a
 * token from a laptop left logged in) who enrols an authenticator of their own. So the first factor needs a login
 * within minutes ({@link RecentLogin}), and once a verified factor exists, adding or removing one, and new recovery
 * codes, need level 2. A code is checked against a challenge of this very session, spent once, and counted by the
 * account limiter per factor and per user before it is checked, so guessing a million codes meets the hourly cap long
 * before it gets anywhere.
 */
@ApplicationScoped
public class Factors {
    private final IdentityConfig config;

    private final FactorStore factors;

    private final UserStore users;

    private final FactorWrites writes;

    private final RecentLogin recentLogin;

    private final Limiters limits;

    private final AuditLog audit;

    @Inject
    public Factors(
            IdentityConfig config,
            FactorStore factors,
            UserStore users,
            FactorWrites writes,
            RecentLogin recentLogin,
            Limiters limits,
            AuditLog audit) {
        this.config = config;
        this.factors = factors;
        this.users = users;
        this.writes = writes;
        this.recentLogin = recentLogin;
        this.limits = limits;
        this.audit = audit;
    }

    /** For the container's client proxy only. */
    protected Factors() {
        this(null, null, null, null, null, null, null);
    }

    /** A new, unverified TOTP factor: what the authenticator app needs (the QR code as SVG), shown this once. */
    public record Enrolled(Factor factor, String secret, String uri, String qrCode) {
        @Override
        public String toString() {
            return "Enrolled[" + factor.id() + "]";
        }
    }

    public List<Factor> list(UUID userId) {
        return factors.ofUser(userId).stream().map(FactorRow::toFactor).toList();
    }

    /**
     * @param issuer what the app shows above the code, or {@code null} for {@code nf.identity.mfa.issuer}
     * @throws IdentityException 401 {@code reauthentication_needed} for a first factor from an old login; 403
     *     {@code insufficient_aal} for a further one at level 1
     */
    public Enrolled enroll(Caller caller, String factorType, String friendlyName, String issuer) {
        if (!"totp".equals(factorType)) {
            throw Problem.MFA_BAD_FACTOR_TYPE.exception();
        }
        if (!config.accounts().mfa().enabled()) {
            throw Problem.MFA_DISABLED.exception();
        }
        requireOwner(caller, Problem.FACTOR_NEEDS_RECENT_LOGIN);
        FactorWrites.Enrolment e = writes.enroll(caller.userId(), friendlyName);
        String email = users.findById(caller.userId()).map(u -> u.email()).orElse("");
        String uri = Totp.uri(issuer == null ? config.accounts().mfa().issuer() : issuer, email, e.secret());
        return new Enrolled(e.row().toFactor(), e.secret(), uri, QrSvg.svg(uri));
    }

    /** A challenge: its id, and until when a code may answer it. */
    public record Challenge(UUID id, java.time.Instant expiresAt) {}

    public Challenge challenge(Caller caller, UUID factorId) {
        ChallengeRow row = writes.challenge(caller.userId(), caller.sessionId(), factorId);
        return new Challenge(row.id(), row.expiresAt());
    }

    /**
     * Verifies a code (or a recovery code) for a challenge: counted per factor and per user before it is checked; a
     * success forgives both counts.
     */
    public FactorWrites.Verified verify(Caller caller, UUID factorId, UUID challengeId, String code) {
        String perFactor = "mfa:factor:" + factorId;
        String perUser = "mfa:user:" + caller.userId();
        limits.accounts().reserve(perFactor);
        limits.accounts().reserve(perUser);
        try {
            FactorWrites.Verified verified =
                    writes.verify(caller.userId(), caller.sessionId(), factorId, challengeId, code);
            limits.accounts().succeeded(perFactor);
            limits.accounts().succeeded(perUser);
            return verified;
        } catch (IdentityException e) {
            if (Problem.MFA_VERIFICATION_FAILED.code().equals(e.errorCode())) {
                users.findById(caller.userId())
                        .ifPresent(u -> audit.self(
                                AuditAction.MFA_CHALLENGE_FAILED,
                                u.id(),
                                u.email(),
                                Map.of("factor_id", factorId.toString())));
            } else {
                giveBack(perFactor, perUser); // not a guess: an expired challenge, another user's factor id
            }
            throw e;
        } catch (RuntimeException e) {
            giveBack(perFactor, perUser);
            throw e;
        }
    }

    private void giveBack(String perFactor, String perUser) {
        try {
            limits.accounts().release(perFactor);
            limits.accounts().release(perUser);
        } catch (RuntimeException ignored) {
            // the database is away: the attempts stay counted, and the original failure is what the caller hears
        }
    }

    /** The user removes one of their factors: at level 2 once any factor is verified. */
    public void unenroll(Caller caller, UUID factorId) {
        requireLevel2IfVerified(caller);
        writes.delete(caller.userId(), factorId, "self");
    }

    /** An administrator removes a factor (a lost authenticator). */
    public void deleteByAdmin(UUID userId, UUID factorId) {
        writes.delete(userId, factorId, "admin");
    }

    /** Ten new recovery codes, the old ones void: at level 2 only. */
    public List<String> regenerateRecoveryCodes(Caller caller) {
        if (caller.aal() != AssuranceLevel.AAL2) {
            throw new InsufficientAalException();
        }
        return writes.regenerateRecoveryCodes(caller.userId());
    }

    /** Level 2 when the user has a verified factor; otherwise a recent login. */
    private void requireOwner(Caller caller, Problem notRecent) {
        if (hasVerified(caller.userId())) {
            if (caller.aal() != AssuranceLevel.AAL2) {
                throw new InsufficientAalException();
            }
        } else {
            recentLogin.require(caller.sessionId(), notRecent);
        }
    }

    private void requireLevel2IfVerified(Caller caller) {
        if (hasVerified(caller.userId()) && caller.aal() != AssuranceLevel.AAL2) {
            throw new InsufficientAalException();
        }
    }

    private boolean hasVerified(UUID userId) {
        return factors.ofUser(userId).stream().anyMatch(FactorRow::verified);
    }
}
