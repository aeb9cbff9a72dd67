package io.nfidentity.impl.external;

import io.nfidentity.impl.config.External;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * An OpenID Connect provider (Google, Keycloak, Okta, Auth0, Entra ID, ...) by its issuer: the endpoints come from
 * its discovery document, whose {@code issuer} must be the configured one; the user comes from the ID token, verified
 * by SmallRye JWT against the provider's JWKS (asymmetric algorithms only) for issuer, audience (our client id),
 * expiry and the {@code nonce} this browser's authorization carried.
 */
final class Oidc extends ProviderProtocol {
    private static final Set<SignatureAlgorithm> ALGORITHMS = Set.of(
            SignatureAlgorithm.RS256,
            SignatureAlgorithm.RS384,
            SignatureAlgorithm.RS512,
            SignatureAlgorithm.PS256,
            SignatureAlgorithm.PS384,
            SignatureAlgorithm.PS512,
            SignatureAlgorithm.ES256,
            SignatureAlgorithm.ES384,
            SignatureAlgorithm.ES512,
            SignatureAlgorithm.EDDSA);

    /** After a failed discovery the provider is left alone this long: /authorize is anonymous, and each call fetched. */
    static final long RETRY_DISCOVERY_NANOS = 10_000_000_000L;

    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();
    private volatile Discovery discovery;
    private volatile long retryDiscoveryAt = System.nanoTime(); // compared by difference: nanoTime may be negative

    /** What the discovery document says, and SmallRye's settings for the provider's ID tokens. */
    private record Discovery(String authorizationEndpoint, String tokenEndpoint, JWTAuthContextInfo idTokens) {}

    Oidc(External.Provider provider, OAuthHttp http) {
        super(provider, http);
    }

    @Override
    protected String authorizationEndpoint() {
        return discovery().authorizationEndpoint();
    }

    @Override
    protected void extra(Map<String, String> query, String nonce) {
        query.put("nonce", nonce);
    }

    @Override
    public ProviderUser exchange(String code, String codeVerifier, String redirectUri, String nonce) {
        Discovery d = discovery();
        JsonObject answer = token(d.tokenEndpoint(), code, codeVerifier, redirectUri);
        String idToken = OAuthHttp.string(answer, "id_token");
        if (idToken == null) {
            throw new ExternalLoginException("server_error", "The provider issued no ID token");
        }
        JwtClaims claims;
        try {
            claims = parser.parse(idToken, d.idTokens()).getJwtClaims();
        } catch (ParseException | RuntimeException e) {
            throw new ExternalLoginException("access_denied", "The provider's ID token is not valid", e);
        }
        try {
            Object tokenNonce = claims.getClaimValue("nonce");
            if (!(tokenNonce instanceof String n)
                    || !MessageDigest.isEqual(
                            n.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
                throw new ExternalLoginException("access_denied", "The provider's ID token is not for this sign-in");
            }
            String sub = claims.getSubject();
            if (sub == null || sub.isEmpty()) {
                throw new ExternalLoginException("access_denied", "The provider's ID token names no subject");
            }
            Object verified = claims.getClaimValue("email_verified");
            return new ProviderUser(
                    sub,
                    claims.getClaimValue("email") instanceof String e ? e : null,
                    Boolean.TRUE.equals(verified) || "true".equals(verified),
                    claims.getClaimValue("name") instanceof String name ? name : null,
                    claims.getClaimValue("picture") instanceof String p ? p : null);
        } catch (MalformedClaimException e) {
            throw new ExternalLoginException("access_denied", "The provider's ID token is not valid", e);
        }
    }

    /**
     * Read once; read again after a failure, so a provider that was down at the first sign-in is tried again, but not
     * before {@link #RETRY_DISCOVERY_NANOS}: a flood of anonymous {@code /authorize} calls while the issuer is down
     * must not become a flood of outbound fetches.
     */
    private Discovery discovery() {
        Discovery d = discovery;
        if (d != null) {
            return d;
        }
        if (System.nanoTime() - retryDiscoveryAt < 0) {
            throw new ExternalLoginException("server_error", "The provider cannot be reached; try again shortly");
        }
        try {
            return fetchDiscovery();
        } catch (RuntimeException e) {
            retryDiscoveryAt = System.nanoTime() + RETRY_DISCOVERY_NANOS;
            throw e;
        }
    }

    private Discovery fetchDiscovery() {
        Discovery d;
        String issuer = provider.url();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonObject doc = OAuthHttp.object(http.get(base + "/.well-known/openid-configuration", null));
        if (!issuer.equals(OAuthHttp.string(doc, "issuer"))) {
            throw new ExternalLoginException("server_error", "The provider's discovery document names another issuer");
        }
        String authorize = OAuthHttp.string(doc, "authorization_endpoint");
        String token = OAuthHttp.string(doc, "token_endpoint");
        String jwks = OAuthHttp.string(doc, "jwks_uri");
        if (authorize == null || token == null || jwks == null) {
            throw new ExternalLoginException("server_error", "The provider's discovery document is incomplete");
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyLocation(jwks);
        info.setIssuedBy(issuer);
        info.setExpectedAudience(Set.of(provider.clientId()));
        info.setSignatureAlgorithm(ALGORITHMS);
        info.setClockSkew(30);
        info.setRelaxVerificationKeyValidation(false);
        d = new Discovery(authorize, token, info);
        discovery = d;
        return d;
    }
}
