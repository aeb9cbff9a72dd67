package io.nfidentity.impl.token;

import io.nfidentity.impl.config.IdentityConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * Issues and verifies access tokens in GoTrue's exact shape: HS256, header {@code kid: nf-ident}, claims {@code sub},
 * {@code exp}, {@code email}, {@code app_metadata}, {@code user_metadata} and {@code aud} only when configured. No
 * {@code iat}, {@code iss} or {@code jti}: Netlify's clients neither send nor expect them.
 */
public final class AccessTokens {
    public static final String KEY_ID = "nf-ident";
    /** Longer than any token we issue with sane metadata; parsing a megabyte of base64 is an easy DoS otherwise. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final SecretKey key;
    private final IdentityConfig config;
    private final Clock clock;
    private final JWTAuthContextInfo verification;
    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

    private final VerifiedTokens verified;

    public AccessTokens(IdentityConfig config, Clock clock) {
        this(config, clock, new VerifiedTokens(config.tokenCacheSize(), config.tokenCacheBytes(), clock));
    }

    AccessTokens(IdentityConfig config, Clock clock, VerifiedTokens verified) {
        this.verified = verified;
        this.config = config;
        this.clock = clock;
        this.key = new SecretKeySpec(config.jwtSecret(), "HmacSHA256");
        this.verification = new JWTAuthContextInfo();
        verification.setSecretVerificationKey(key);
        verification.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        verification.setRelaxVerificationKeyValidation(false);
        verification.setClockSkew((int) config.clockSkew().toSeconds());
        verification.setRequireNamedPrincipal(true);
        // GoTrue's tokens have no iat; SmallRye demands one unless the maximum lifetime check is off (0).
        verification.setMaxTimeToLiveSecs(0L);
        if (!config.audience().isEmpty()) {
            verification.setExpectedAudience(Set.of(config.audience()));
        }
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
        Instant exp = clock.instant().plus(config.accessTokenTtl());
        JwtClaimsBuilder claims = Jwt.claims()
                .subject(userId.toString())
                .expiresAt(exp.getEpochSecond())
                .claim("email", email)
                .claim("app_metadata", appMetadata)
                .claim("user_metadata", userMetadata);
        if (!config.audience().isEmpty()) {
            claims.audience(config.audience());
        }
        if (authenticatedAt != null && !config.reauthenticationWindow().isZero()) {
            claims.claim("auth_time", authenticatedAt.getEpochSecond());
        }
        if (sessionId != null) {
            claims.claim("session_id", sessionId.toString());
        }
        return claims.jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.HS256).sign(key);
    }

    /**
     * Verifies signature, algorithm, expiry (with the configured clock skew) and audience.
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
        try {
            Claims claims = toClaims(parser.parse(token, verification).getJwtClaims());
            if (claims.expiresAt().isAfter(latestExp())) {
                // signed with our secret but not by us as configured now (a token minted elsewhere with the shared
                // secret, or before the lifetime was shortened): it could outlive a "logout everywhere"
                return Optional.empty();
            }
            verified.put(token, claims);
            return Optional.of(claims);
        } catch (ParseException | MalformedClaimException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** The furthest {@code exp} a token issued now may have: the configured lifetime, plus the clock skew. */
    private Instant latestExp() {
        return clock.instant().plus(config.accessTokenTtl()).plus(config.clockSkew());
    }

    @SuppressWarnings("unchecked")
    private static Claims toClaims(JwtClaims claims) throws MalformedClaimException {
        UUID sub = UUID.fromString(claims.getSubject());
        Map<String, Object> app = mapOrEmpty(claims.getClaimValue("app_metadata"));
        Map<String, Object> user = mapOrEmpty(claims.getClaimValue("user_metadata"));
        Object email = claims.getClaimValue("email");
        Object authTime = claims.getClaimValue("auth_time");
        Object session = claims.getClaimValue("session_id");
        return new Claims(
                sub,
                email instanceof String s ? s : "",
                Instant.ofEpochSecond(claims.getExpirationTime().getValue()),
                app,
                user,
                Claims.rolesOf(app),
                authTime instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null,
                // a malformed session_id in a token we signed cannot happen; it throws, and the token is refused
                session instanceof String s ? UUID.fromString(s) : null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOrEmpty(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
