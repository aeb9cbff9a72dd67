package io.nfidentity.bench;

import io.nfidentity.impl.config.ConfigReader;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.token.AccessTokens;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The access-token check of every request, in isolation and side by side in one run: nf-identity's path for a token
 * seen before (the verified-token cache), for a first-seen token (full HS256 verification through SmallRye's parser),
 * and SmallRye's public {@code JWTParser} on the same token.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenCheckBench {
    static final String SECRET = "benchmark-secret-0123456789-abcdefghijklmnop";

    private AccessTokens cached;
    private AccessTokens uncached;
    private DefaultJWTParser smallrye;
    private String token;

    @Setup
    public void setUp() throws Exception {
        cached = new AccessTokens(config("10000"), Clock.systemUTC());
        uncached = new AccessTokens(config("0"), Clock.systemUTC());
        token = cached.issue(
                UUID.randomUUID(),
                "ada@example.com",
                Map.of("provider", "email", "roles", List.of("member", "editor")),
                Map.of("full_name", "Ada"));
        if (cached.verify(token).isEmpty() || uncached.verify(token).isEmpty()) {
            throw new IllegalStateException("the benchmark token does not verify");
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setSecretVerificationKey(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        info.setMaxTimeToLiveSecs(0L);
        smallrye = new DefaultJWTParser(info);
        smallrye.parse(token);
    }

    /** The bench configuration, with a verified-token cache of {@code cacheSize} entries (0: none). */
    static IdentityConfig config(String cacheSize) {
        return ConfigReader.read(Map.of(
                "nf.identity.jwt.secret",
                SECRET,
                "nf.identity.jwt.cache-size",
                cacheSize,
                "nf.identity.site-url",
                "http://localhost"));
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
