package io.nfidentity.impl.token;

import io.nfidentity.impl.config.IdentityConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Issues and verifies access tokens in GoTrue's exact shape: header {@code kid}, claims {@code sub}, {@code exp},
 * {@code email}, {@code app_metadata}, {@code user_metadata} and {@code aud} only when configured. Under HS256 (the
 * default, kid {@code nf-ident}) no {@code iat}, {@code iss} or {@code jti}: Netlify's clients neither send nor expect
 * them. Under RS256, ES256 or EdDSA the token adds {@code iat}, which MicroProfile JWT verifiers expect, and the
 * {@code kid} names the key in the JWKS.
 */
public final class AccessTokens {
    public static final String KEY_ID = Keyring.HS256_KID;
    /** Longer than any token we issue with sane metadata; parsing a megabyte of base64 is an easy DoS otherwise. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final IdentityConfig config;
    private final Clock clock;
    private final SigningKeys keys;
    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

    private final VerifiedTokens verified;

    /** With only the configured HS256 secret: for tests and tools. */
    public AccessTokens(IdentityConfig config, Clock clock) {
        this(config, clock, SigningKeys.hs256(config));
    }

    public AccessTokens(IdentityConfig config, Clock clock, SigningKeys keys) {
        this(
                config,
                clock,
                keys,
                new VerifiedTokens(
                        config.tokens().tokenCacheSize(), config.tokens().tokenCacheBytes(), clock));
    }

    AccessTokens(IdentityConfig config, Clock clock, VerifiedTokens verified) {
        this(config, clock, SigningKeys.hs256(config), verified);
    }

    AccessTokens(IdentityConfig config, Clock clock, SigningKeys keys, VerifiedTokens verified) {
        this.verified = verified;
        this.config = config;
        this.clock = clock;
        this.keys = keys;
        // a retired key's tokens must not live on in the cache
        keys.onChange(verified::clear);
    }

    /** Signs a token for the user, valid for the configured lifetime from now. */
    public String issue(UUID userId, String email, Map<String, Object> appMetadata, Map<String, Object> userMetadata) {
        return issue(userId, email, appMetadata, userMetadata, null, null);
    }

    /**
     * Signs a token for the user, valid for the configured lifetime from now. With a re-authentication window
     * configured, it carries OpenID Connect's {@code auth_time} (when the session was authenticated); otherwise
     * GoTrue's shape is kept exactly. With a session, it carries {@code session_id} (as Supabase's GoTrue does), so
     * that ending that one session refuses the token too.
     */
    public String issue(
            UUID userId,
            String email,
            Map<String, Object> appMetadata,
            Map<String, Object> userMetadata,
            Instant authenticatedAt,
            UUID sessionId) {
        return issue(userId, email, appMetadata, userMetadata, authenticatedAt, sessionId, null);
    }

    /**
     * {@link #issue(UUID, String, Map, Map, Instant, UUID)} with the session's assurance: the token carries
     * {@code aal} and {@code amr} as Supabase's do.
     */
    public String issue(
            UUID userId,
            String email,
            Map<String, Object> appMetadata,
            Map<String, Object> userMetadata,
            Instant authenticatedAt,
            UUID sessionId,
            Assurance assurance) {
        Keyring.Signer signer = keys.ring().signer();
        Instant now = clock.instant();
        Instant exp = now.plus(config.tokens().accessTokenTtl());
        // built with jose4j (under SmallRye JWT) directly: SmallRye's builder reads the host's MicroProfile Config on
        // every token and adds iat and jti by default, which GoTrue's tokens do not carry
        JwtClaims claims = new JwtClaims();
        claims.setSubject(userId.toString());
        claims.setExpirationTime(NumericDate.fromSeconds(exp.getEpochSecond()));
        claims.setClaim("email", email);
        claims.setClaim("app_metadata", appMetadata);
        claims.setClaim("user_metadata", userMetadata);
        if (!config.tokens().audience().isEmpty()) {
            claims.setAudience(config.tokens().audience());
        }
        if (authenticatedAt != null && !config.tokens().reauthenticationWindow().isZero()) {
            claims.setClaim("auth_time", authenticatedAt.getEpochSecond());
        }
        if (sessionId != null) {
            claims.setClaim("session_id", sessionId.toString());
        }
        if (assurance != null) {
            claims.setClaim("aal", assurance.level().claim());
            claims.setClaim("amr", assurance.amr());
        }
        if (signer.algorithm() != SignatureAlgorithm.HS256) {
            claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(signer.algorithm().getAlgorithm());
        jws.setKeyIdHeaderValue(signer.kid());
        jws.setKey(signer.key());
        jws.setPayload(claims.toJson());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) { // a key that does not fit its algorithm: the keyring refuses those at load
            throw new IllegalStateException("the signing key cannot sign " + signer.algorithm(), e);
        }
    }

    /**
     * Verifies signature, algorithm, expiry (with the configured clock skew) and audience, with the key the token's
     * {@code kid} names and that key's algorithm only.
     *
     * @return the claims, or empty for any token that is not one of ours and current; never throws for bad input
     */
    public Optional<Claims> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        Optional<Claims> cached = verified.get(token);
        if (cached.isPresent()) {
            return cached;
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String header = token.substring(0, dot);
        Keyring ring = keys.ring();
        Keyring.Verifier key = ring.verifierFor(header, keys::unknown);
        if (key == null) {
            return Optional.empty();
        }
        try {
            Claims claims = toClaims(parser.parse(token, key.context()).getJwtClaims());
            if (claims.expiresAt().isAfter(latestExp(key))) {
                // signed with our key but not by us as configured now (a token minted elsewhere with the shared
                // secret, before the lifetime was shortened, or by a key after it stopped signing): it could outlive
                // a "logout everywhere"
                return Optional.empty();
            }
            ring.remember(header, key);
            verified.put(token, claims);
            return Optional.of(claims);
        } catch (ParseException | MalformedClaimException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /**
     * The furthest {@code exp} a token of this key may have: issued now (or, for a key no longer signing, when it
     * stopped), plus the configured lifetime and the clock skew.
     */
    private Instant latestExp(Keyring.Verifier key) {
        Instant issued = key.signedUntil() == null ? clock.instant() : key.signedUntil();
        return issued.plus(config.tokens().accessTokenTtl())
                .plus(config.tokens().clockSkew());
    }

    @SuppressWarnings("unchecked")
    private static Claims toClaims(JwtClaims claims) throws MalformedClaimException {
        UUID sub = UUID.fromString(claims.getSubject());
        Map<String, Object> app = mapOrEmpty(claims.getClaimValue("app_metadata"));
        Map<String, Object> user = mapOrEmpty(claims.getClaimValue("user_metadata"));
        Object email = claims.getClaimValue("email");
        Object authTime = claims.getClaimValue("auth_time");
        Object session = claims.getClaimValue("session_id");
        Object aal = claims.getClaimValue("aal");
        return new Claims(
                sub,
                email instanceof String s ? s : "",
                Instant.ofEpochSecond(claims.getExpirationTime().getValue()),
                app,
                user,
                Claims.rolesOf(app),
                authTime instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null,
                // a malformed session_id in a token we signed cannot happen; it throws, and the token is refused
                session instanceof String s ? UUID.fromString(s) : null,
                io.nfidentity.AssuranceLevel.ofClaim(aal instanceof String a ? a : null));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOrEmpty(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
