package io.nfidentity.impl.signin;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.external.ExternalLoginException;
import io.nfidentity.impl.external.ProviderProtocol;
import io.nfidentity.impl.external.ProviderUser;
import io.nfidentity.impl.external.Providers;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.store.ExternalStore;
import io.nfidentity.impl.store.ExternalStore.StateRow;
import io.nfidentity.impl.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in through an external provider, GoTrue's {@code /authorize} and {@code /callback}. The authorization is kept
 * on the server ({@code nf_oauth_states}: the PKCE verifier and the nonce never leave it) under the hash of its
 * {@code state}, and bound to the browser that started it by a random value in an HttpOnly cookie, whose hash must
 * match at the callback. A state works once and for {@code nf.identity.external.state-ttl}.
 */
@ApplicationScoped
public class ExternalSignIn {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityConfig config;
    private final Clock clock;
    private final ExternalStore store;
    private final Providers providers;
    private final ExternalWrites writes;

    @Inject
    public ExternalSignIn(
            IdentityConfig config,
            @Internal Clock clock,
            ExternalStore store,
            Providers providers,
            ExternalWrites writes) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.providers = providers;
        this.writes = writes;
    }

    /** For the container's client proxy only. */
    protected ExternalSignIn() {
        this(null, null, null, null, null);
    }

    /**
     * Where to send the browser, and the value of its binding cookie.
     *
     * @param location the provider's authorization URL
     * @param browser the value of the HttpOnly cookie that binds the authorization to this browser
     */
    public record Start(String location, String browser) {}

    /** The session of a finished sign-in, and the site address to return to. */
    public record Finish(Session session, String site) {}

    /**
     * @return empty when the provider is unknown or not configured
     */
    public Optional<Start> begin(String provider, String redirectTo, String inviteToken) {
        return start(provider, redirectTo, inviteToken, null);
    }

    /**
     * An authorization that links the provider account to {@code userId} (a logged-in user, who proved a recent
     * login) instead of signing in by the provider's address. Bound to this browser like a sign-in.
     *
     * @return empty when the provider is unknown or not configured
     */
    public Optional<Start> beginLink(String provider, UUID userId, String redirectTo) {
        return start(provider, redirectTo, null, userId);
    }

    private Optional<Start> start(String provider, String redirectTo, String inviteToken, UUID linkUserId) {
        Optional<ProviderProtocol> protocol = providers.get(provider);
        if (protocol.isEmpty()) {
            return Optional.empty();
        }
        String state = OpaqueTokens.generate();
        String browser = OpaqueTokens.generate();
        String verifier = random();
        String nonce = random();
        // the provider's URL first: when its discovery fails, nothing is stored
        String location =
                protocol.get().authorizeUrl(config.external().redirectUri(), state, challenge(verifier), nonce);
        store.saveState(new StateRow(
                OpaqueTokens.hash(state),
                OpaqueTokens.hash(browser),
                provider,
                verifier,
                nonce,
                allowedRedirect(redirectTo),
                inviteToken == null || inviteToken.isEmpty() ? null : OpaqueTokens.hash(inviteToken),
                clock.instant().plus(config.external().stateTtl()),
                linkUserId));
        return Optional.of(new Start(location, browser));
    }

    /**
     * Completes the sign-in the provider sent the browser back from.
     *
     * @param state the {@code state} query parameter
     * @param browser the binding cookie's value
     * @param code the authorization code, or {@code null} when the provider reports {@code error}
     * @param error the provider's {@code error}, if any (the user cancelled, say)
     * @throws ExternalLoginException with the OAuth error code for the site's {@code #error=}
     */
    public Finish finish(String state, String browser, String code, String error) {
        if (state == null || state.isEmpty() || state.length() > 256) {
            throw new ExternalLoginException("invalid_request", "The sign-in carries no state");
        }
        StateRow row = store.takeState(OpaqueTokens.hash(state))
                .orElseThrow(() -> new ExternalLoginException(
                        "invalid_request", "This sign-in is unknown or was used already; start again"));
        String site =
                row.redirectTo() != null ? row.redirectTo() : config.mail().siteUrl();
        try {
            if (browser == null
                    || !MessageDigest.isEqual(
                            OpaqueTokens.hash(browser).getBytes(StandardCharsets.US_ASCII),
                            row.browserHash().getBytes(StandardCharsets.US_ASCII))) {
                throw new ExternalLoginException(
                        "invalid_request", "This sign-in was started in another browser; start again");
            }
            if (!clock.instant().isBefore(row.expiresAt())) {
                throw new ExternalLoginException("invalid_request", "The sign-in took too long; start again");
            }
            if (error != null) {
                throw new ExternalLoginException("access_denied", "The provider did not authorize the sign-in");
            }
            if (code == null || code.isEmpty() || code.length() > 2048) {
                throw new ExternalLoginException("invalid_request", "The provider sent no code");
            }
            ProviderProtocol protocol = providers
                    .get(row.provider())
                    .orElseThrow(() -> new ExternalLoginException("invalid_request", "Unsupported provider"));
            ProviderUser who = protocol.exchange(
                    code, row.codeVerifier(), config.external().redirectUri(), row.nonce());
            Session session = row.linkUserId() != null
                    ? writes.linkTo(row.linkUserId(), row.provider(), who)
                    : writes.signIn(row.provider(), who, row.inviteHash());
            return new Finish(session, site);
        } catch (ExternalLoginException e) {
            throw new Redirected(e, site);
        } catch (io.nfidentity.IdentityException e) {
            // an observer's deny(), a suspended user, the database away: the site hears of it in its fragment too
            String oauthError = e.status() >= 500 ? "server_error" : "access_denied";
            throw new Redirected(new ExternalLoginException(oauthError, e.getMessage(), e), site);
        }
    }

    /** An {@link ExternalLoginException} that knows the site to send the browser back to. */
    public static final class Redirected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ExternalLoginException failure;
        private final String site;

        Redirected(ExternalLoginException failure, String site) {
            super(failure.getMessage(), failure);
            this.failure = failure;
            this.site = site;
        }

        public ExternalLoginException failure() {
            return failure;
        }

        public String site() {
            return site;
        }
    }

    /**
     * {@code redirect_to} when it is on the site or an allowed origin (the same origin: scheme, host and port), else
     * nothing: the site URL is used. Never an open redirect.
     */
    String allowedRedirect(String redirectTo) {
        if (redirectTo == null || redirectTo.isEmpty() || redirectTo.length() > 2000) {
            return null;
        }
        try {
            URI uri = new URI(redirectTo);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            String origin = origin(uri);
            boolean allowed = origin.equals(origin(new URI(config.mail().siteUrl())))
                    || config.exposure().allowedOrigins().stream().anyMatch(o -> {
                        try {
                            return origin.equals(origin(new URI(o)));
                        } catch (java.net.URISyntaxException e) {
                            return false;
                        }
                    });
            // the fragment is ours to write
            return allowed
                    ? new URI(uri.getScheme(), uri.getRawAuthority(), uri.getRawPath(), uri.getRawQuery(), null)
                            .toString()
                    : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** RFC 7636 S256: BASE64URL(SHA-256(verifier)). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
