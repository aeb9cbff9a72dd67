package io.nfidentity.bench;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.token.AccessTokens;
import io.nfidentity.impl.token.SigningKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The access-token check per signing algorithm, side by side in one run: nf-identity's check of a token seen before
 * (the verified-token cache), of a first-seen token (the key chosen by the token's {@code kid}, then SmallRye's
 * parser), and SmallRye's public {@code JWTParser} configured with that one key, on the same token.
 *
 * <p>{@code mvn -P bench-tokens -Dbench.jmh=SigningAlgorithmBench -DskipTests -pl bench -am package}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningAlgorithmBench {
    private static final String SECRET = TokenCheckBench.SECRET;

    @Param({"HS256", "RS256", "ES256", "EdDSA"})
    public String algorithm;

    private AccessTokens cached;
    private AccessTokens uncached;
    private DefaultJWTParser smallrye;
    private String token;

    @Setup
    public void setUp() throws Exception {
        IdentityConfig withCache = TokenCheckBench.config("10000");
        SigningKeys keys = SigningKeys.inMemory(withCache, algorithm);
        cached = new AccessTokens(withCache, Clock.systemUTC(), keys);
        uncached = new AccessTokens(TokenCheckBench.config("0"), Clock.systemUTC(), keys);
        token = cached.issue(
                UUID.randomUUID(),
                "ada@example.com",
                Map.of("provider", "email", "roles", List.of("member", "editor")),
                Map.of("full_name", "Ada"));
        if (cached.verify(token).isEmpty() || uncached.verify(token).isEmpty()) {
            throw new IllegalStateException("the benchmark token does not verify");
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        if (algorithm.equals("HS256")) {
            info.setSecretVerificationKey(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        } else {
            PublicKey key = ((PublicJsonWebKey)
                            new JsonWebKeySet(keys.jwks()).getJsonWebKeys().get(0))
                    .getPublicKey();
            info.setPublicVerificationKey(key);
            info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.fromAlgorithm(algorithm)));
        }
        info.setMaxTimeToLiveSecs(0L);
        smallrye = new DefaultJWTParser(info);
        smallrye.parse(token);
    }

    @Benchmark
    public Optional<?> ourCheckRepeatedToken() {
        return cached.verify(token);
    }

    @Benchmark
    public Optional<?> ourCheckFirstSeenToken() {
        return uncached.verify(token);
    }

    @Benchmark
    public JsonWebToken smallryeJwtParser() throws ParseException {
        return smallrye.parse(token);
    }
}
