package io.nfidentity.impl.passkey;

import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import io.nfidentity.AssuranceLevel;
import io.nfidentity.Passkey;
import io.nfidentity.ValidationException;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.session.Caller;
import io.nfidentity.impl.session.RecentLogin;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.store.PasskeyStore;
import io.nfidentity.impl.store.PasskeyStore.ChallengeRow;
import io.nfidentity.impl.store.PasskeyStore.PasskeyRow;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Passkeys (WebAuthn): registration by a logged-in user, sign-in by anyone holding one (discoverable credentials, so
 * the options name no user and answer alike for every address), and the user's list. Each challenge is random, stored
 * only as its hash, used once and for five minutes; a registration's is bound to the session (and user) that asked.
 * webauthn4j verifies every response ({@link WebAuthn}); the transactional steps are {@link PasskeyWrites}.
 *
 * <p>Who could add a passkey before the account's owner? Whoever holds one of the owner's sessions: so registering
 * needs a login within minutes ({@link RecentLogin}) and, once the user has passkeys, a level-2 session (a passkey
 * sign-in with user verification), like adding a second factor.
 */
@ApplicationScoped
public class Passkeys {
    /** The WebAuthn ceremony's lifetime: the challenge's, and the browser's timeout. */
    static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);

    static final String REGISTER = "register";
    static final String SIGN_IN = "signin";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityConfig config;
    private final Clock clock;
    private final UserStore users;
    private final PasskeyStore passkeys;
    private final PasskeyWrites writes;
    private final RecentLogin recentLogin;
    private final WebAuthn webAuthn;

    @Inject
    public Passkeys(
            IdentityConfig config,
            @Internal Clock clock,
            UserStore users,
            PasskeyStore passkeys,
            PasskeyWrites writes,
            RecentLogin recentLogin) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.passkeys = passkeys;
        this.writes = writes;
        this.recentLogin = recentLogin;
        this.webAuthn = config == null ? null : new WebAuthn(config.accounts().passkeys());
    }

    /** For the container's client proxy only. */
    protected Passkeys() {
        this(null, null, null, null, null, null);
    }

    private IdentityConfig.Passkeys settings() {
        IdentityConfig.Passkeys p = config.accounts().passkeys();
        if (!p.enabled()) {
            throw Problem.PASSKEYS_DISABLED.exception();
        }
        return p;
    }

    /** The user's passkeys, oldest first. */
    public List<Passkey> list(UUID userId) {
        return passkeys.ofUser(userId).stream().map(Passkeys::toPasskey).toList();
    }

    /**
     * The options for {@code navigator.credentials.create} (WebAuthn's JSON form): a resident key, user verification
     * as configured, attestation {@code none}, the user's passkeys excluded.
     */
    public Map<String, Object> registrationOptions(Caller caller) {
        IdentityConfig.Passkeys p = settings();
        requireOwner(caller);
        UserRow user = users.findById(caller.userId()).orElseThrow(io.nfidentity.NotAuthenticatedException::new);
        List<PasskeyRow> existing = passkeys.ofUser(user.id());
        if (existing.size() >= p.maxPasskeys()) {
            throw Problem.TOO_MANY_PASSKEYS.exception();
        }
        String challenge = newChallenge(new ChallengeRow(REGISTER, caller.sessionId(), user.id(), expiry()));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", challenge);
        options.put("rp", Map.of("id", p.rpId(), "name", p.rpName()));
        options.put(
                "user",
                Map.of("id", WebAuthn.b64(userHandle(user.id())), "name", user.email(), "displayName", user.email()));
        options.put(
                "pubKeyCredParams",
                WebAuthn.ALGORITHMS.stream()
                        .map(alg -> Map.of("type", "public-key", "alg", alg))
                        .toList());
        options.put("timeout", CHALLENGE_TTL.toMillis());
        options.put(
                "excludeCredentials",
                existing.stream()
                        .map(k -> Map.of("type", "public-key", "id", k.credentialId()))
                        .toList());
        options.put(
                "authenticatorSelection",
                Map.of(
                        "residentKey",
                        "required",
                        "requireResidentKey",
                        true,
                        "userVerification",
                        p.userVerificationRequired() ? "required" : "preferred"));
        options.put("attestation", "none");
        return options;
    }

    /**
     * Verifies a registration response and stores the passkey. The challenge it signed must be one this session asked
     * for, unexpired and unused (it is spent now, whatever follows).
     */
    public Passkey register(Caller caller, String responseJson, String friendlyName) {
        IdentityConfig.Passkeys p = settings();
        requireOwner(caller);
        String name = name(friendlyName);
        RegistrationData data = WebAuthn.parseRegistration(responseJson);
        String challenge = WebAuthn.challengeOf(data);
        ChallengeRow row = writes.takeChallenge(OpaqueTokens.hash(challenge))
                .filter(c -> c.purpose().equals(REGISTER))
                .filter(c -> Objects.equals(c.sessionId(), caller.sessionId()))
                .filter(c -> Objects.equals(c.userId(), caller.userId()))
                .filter(c -> c.expiresAt().isAfter(clock.instant()))
                .orElseThrow(Problem.PASSKEY_CHALLENGE::exception);
        webAuthn.verify(data, challenge);
        AuthenticatorData<?> auth = WebAuthn.authenticatorData(data);
        Instant now = clock.instant();
        PasskeyRow passkey = new PasskeyRow(
                UUID.randomUUID(),
                row.userId(),
                WebAuthn.credentialId(data),
                WebAuthn.credentialData(data),
                auth.getSignCount(),
                auth.isFlagUV(),
                auth.isFlagBE(),
                auth.isFlagBS(),
                data.getTransports() == null
                        ? null
                        : String.join(
                                ",",
                                data.getTransports().stream()
                                        .map(t -> t.getValue())
                                        .sorted()
                                        .toList()),
                name,
                now,
                null);
        return toPasskey(writes.add(passkey, p.maxPasskeys()));
    }

    /**
     * The options for {@code navigator.credentials.get}: no user and no credentials named (discoverable credentials),
     * so the answer is the same for everybody and tells nothing about any address.
     */
    public Map<String, Object> authenticationOptions() {
        IdentityConfig.Passkeys p = settings();
        String challenge = newChallenge(new ChallengeRow(SIGN_IN, null, null, expiry()));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", challenge);
        options.put("rpId", p.rpId());
        options.put("timeout", CHALLENGE_TTL.toMillis());
        options.put("userVerification", p.userVerificationRequired() ? "required" : "preferred");
        options.put("allowCredentials", List.of());
        return options;
    }

    /**
     * Signs in with an authentication response: an unused, unexpired sign-in challenge, a stored credential whose
     * user handle matches, a signature webauthn4j verifies against the stored key, origin and relying party, and a
     * counter that moved forward (one that did not is audited and refused).
     */
    public Session signIn(String responseJson) {
        settings();
        AuthenticationData data = WebAuthn.parseAuthentication(responseJson);
        String challenge = WebAuthn.challengeOf(data);
        writes.takeChallenge(OpaqueTokens.hash(challenge))
                .filter(c -> c.purpose().equals(SIGN_IN))
                .filter(c -> c.expiresAt().isAfter(clock.instant()))
                .orElseThrow(Problem.PASSKEY_CHALLENGE::exception);
        PasskeyRow passkey = passkeys.byCredentialId(WebAuthn.b64(data.getCredentialId()))
                .orElseThrow(Problem.PASSKEY_REFUSED::exception);
        if (data.getUserHandle() != null && !Arrays.equals(data.getUserHandle(), userHandle(passkey.userId()))) {
            throw Problem.PASSKEY_REFUSED.exception();
        }
        try {
            webAuthn.verify(data, challenge, passkey);
        } catch (WebAuthn.CounterRegressed e) {
            writes.counterRegressed(passkey, data.getAuthenticatorData().getSignCount());
            throw Problem.PASSKEY_REFUSED.exception();
        }
        AuthenticatorData<?> auth = data.getAuthenticatorData();
        return writes.signIn(passkey, auth.getSignCount(), auth.isFlagBS(), auth.isFlagUV());
    }

    public void rename(Caller caller, UUID id, String friendlyName) {
        writes.rename(caller.userId(), id, name(friendlyName));
    }

    /** The user removes a passkey: after a recent login, or at level 2 (a lost device is removed from another). */
    public void delete(Caller caller, UUID id) {
        if (caller.aal() != AssuranceLevel.AAL2) {
            recentLogin.require(caller.sessionId(), Problem.LINK_NEEDS_RECENT_LOGIN);
        }
        writes.delete(caller.userId(), id, "self");
    }

    public void deleteByAdmin(UUID userId, UUID id) {
        writes.delete(userId, id, "admin");
    }

    /** A recent login, and level 2 once the user has a passkey. */
    private void requireOwner(Caller caller) {
        if (!passkeys.ofUser(caller.userId()).isEmpty() && caller.aal() != AssuranceLevel.AAL2) {
            throw new io.nfidentity.InsufficientAalException();
        }
        recentLogin.require(caller.sessionId(), Problem.LINK_NEEDS_RECENT_LOGIN);
    }

    private String newChallenge(ChallengeRow row) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String challenge = WebAuthn.b64(bytes);
        writes.storeChallenge(OpaqueTokens.hash(challenge), row);
        return challenge;
    }

    private Instant expiry() {
        return clock.instant().plus(CHALLENGE_TTL);
    }

    /** WebAuthn's user handle: the user's id as its 16 bytes, never the address. */
    static byte[] userHandle(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }

    private static String name(String friendlyName) {
        String name = friendlyName == null || friendlyName.isBlank() ? "Passkey" : friendlyName.strip();
        if (name.length() > 100) {
            throw new ValidationException("friendly_name is at most 100 characters");
        }
        return name;
    }

    private static Passkey toPasskey(PasskeyRow p) {
        return new Passkey(
                p.id(), p.friendlyName(), p.backupEligible(), p.backupState(), p.createdAt(), p.lastUsedAt());
    }
}
