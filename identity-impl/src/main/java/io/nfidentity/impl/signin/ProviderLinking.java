package io.nfidentity.impl.signin;

import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.session.RecentLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * A logged-in user adds a way to sign in: a provider account, linked whatever address it holds ({@code POST
 * /user/identities}). A backdoor for whoever holds a stolen session, so only from a session that logged in minutes
 * ago ({@link RecentLogin}). The authorization is bound to this browser (the {@code nf_oauth} cookie) and to this user
 * (its state row); the callback links ({@code ExternalWrites.linkTo}) and signs the user in with the provider.
 */
@ApplicationScoped
public class ProviderLinking {
    private final ExternalSignIn signIn;

    private final RecentLogin recent;

    @Inject
    public ProviderLinking(ExternalSignIn signIn, RecentLogin recent) {
        this.signIn = signIn;
        this.recent = recent;
    }

    /** For the container's client proxy only. */
    protected ProviderLinking() {
        this(null, null);
    }

    /**
     * @return where to send the browser, and the binding cookie's value
     * @throws io.nfidentity.IdentityException 401 {@code reauthentication_needed} for an older login; 400
     *     {@code unsupported_provider} for a provider that is not configured
     */
    public ExternalSignIn.Start begin(UUID userId, UUID sessionId, String provider, String redirectTo) {
        recent.require(sessionId, Problem.LINK_NEEDS_RECENT_LOGIN);
        return signIn.beginLink(provider, userId, redirectTo).orElseThrow(Problem.UNSUPPORTED_PROVIDER::exception);
    }
}
