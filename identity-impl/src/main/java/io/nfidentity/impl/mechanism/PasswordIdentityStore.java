package io.nfidentity.impl.mechanism;

import io.nfidentity.IdentityException;
import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.limit.DeviceCookies;
import io.nfidentity.impl.login.PasswordLogin;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.web.SessionCookies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * nf-identity's users as a Jakarta Security {@link IdentityStore}: a {@link UsernamePasswordCredential} (email and
 * password) is checked exactly as {@code Identity.login} and {@code grant_type=password} check it: the same limits per
 * account and per client address, the same refusal of unconfirmed and suspended users, the same {@code UserLogin}
 * event and audit entry. A valid credential opens a session; {@link NfJwtMechanism} sets its cookies when it was
 * this store that said yes.
 *
 * <p>The caller's groups are the user's {@code app_metadata.roles}, returned with the result. It is asked at priority
 * {@value #PRIORITY}: an application's own store with a lower number is asked first, and an application's group-only
 * store adds its groups to ours for the request that authenticated, as Jakarta Security stacks stores (the requests
 * after it are authenticated from the cookie, with the user's roles only).
 *
 * <p>Any refusal (unknown address, wrong password, unconfirmed, suspended, too many attempts) is {@code INVALID}, with
 * no reason: an application that needs the reason calls {@code Identity.login}, which throws it. The server's own
 * trouble (the database away, hashing saturated) is {@code NOT_VALIDATED}: it proves nothing about the credential.
 */
@ApplicationScoped
public class PasswordIdentityStore implements IdentityStore {
    private static final Logger LOG = Logger.getLogger(PasswordIdentityStore.class.getName());

    /** Where this store stands among the application's (lower is asked first). */
    static final int PRIORITY = 100;

    private final PasswordLogin logins;

    private final Instance<HttpServletRequest> request;

    @Inject
    public PasswordIdentityStore(PasswordLogin logins, Instance<HttpServletRequest> request) {
        this.logins = logins;
        this.request = request;
    }

    /** For the container's client proxy only. */
    protected PasswordIdentityStore() {
        this(null, null);
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential password)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        try {
            Session session = logins.login(password.getCaller(), password.getPasswordAsString(), client());
            return new CredentialValidationResult(
                    new SessionPrincipal(session), new HashSet<>(session.user().roles()));
        } catch (IdentityException e) {
            return e.status() < 500
                    ? CredentialValidationResult.INVALID_RESULT
                    : CredentialValidationResult.NOT_VALIDATED_RESULT;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, LogId.STORE_LOGIN_FAILED + ": could not check a credential; not validated", e);
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
    }

    /** Our caller's roles, for a handler that asks the validating store again rather than reading its result. */
    @Override
    public Set<String> getCallerGroups(CredentialValidationResult result) {
        return result.getCallerPrincipal() instanceof SessionPrincipal ours ? ours.roles() : Set.of();
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Set<ValidationType> validationTypes() {
        // PROVIDE_GROUPS too: Jakarta Security keeps a validating store's groups only when it declares it
        return EnumSet.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }

    /**
     * The HTTP client the credential came with, for the per-address limit and the device cookie; none when the store
     * is asked outside an HTTP request (a batch job, say), which leaves the per-account limit.
     */
    private PasswordLogin.Client client() {
        try {
            HttpServletRequest req = request.get();
            return new PasswordLogin.Client(req.getRemoteAddr(), SessionCookies.read(req, DeviceCookies.NAME));
        } catch (RuntimeException e) { // no request is active
            return PasswordLogin.Client.NONE;
        }
    }
}
