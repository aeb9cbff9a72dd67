package io.nfidentity.impl.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nfidentity.impl.TestConfig;
import io.nfidentity.impl.token.AccessTokens;
import io.nfidentity.impl.token.OpaqueTokens;
import java.time.Clock;

/**
 * Token parsing under arbitrary input: {@code verify} must answer "no" for anything it did not sign, and never throw.
 * {@code mvn test} replays the inputs in {@code src/test/resources} (and any crash Jazzer saved); a real fuzzing run:
 * {@code JAZZER_FUZZ=1 mvn test -pl identity-impl -Dtest=TokenFuzzTest} (see the README).
 */
class TokenFuzzTest {
    private static final AccessTokens TOKENS =
            new AccessTokens(TestConfig.with("jwt.cache-size", "0"), Clock.systemUTC());

    @FuzzTest(maxDuration = "30s")
    void accessTokenVerificationNeverAcceptsOrThrowsOnForeignInput(String input) {
        assertTrue(TOKENS.verify(input).isEmpty(), "accepted a token we did not sign: " + input);
    }

    @FuzzTest(maxDuration = "30s")
    void refreshTokenShapeCheckNeverThrows(String input) {
        boolean plausible = OpaqueTokens.plausible(input);
        assertTrue(!plausible || input.matches("[A-Za-z0-9_-]{1,256}"), "plausible but malformed: " + input);
    }
}
