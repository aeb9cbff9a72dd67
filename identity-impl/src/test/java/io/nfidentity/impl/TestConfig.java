package io.nfidentity.impl;

import io.nfidentity.impl.config.IdentityConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** A valid configuration for unit tests, with cheap Argon2 parameters. */
public final class TestConfig {
    public static final String SECRET = "unit-test-secret-0123456789-abcdefghijklmnop";

    private TestConfig() {}

    public static IdentityConfig config() {
        return withAudience("");
    }

    public static IdentityConfig withAudience(String aud) {
        return new IdentityConfig(
                SECRET.getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1),
                aud,
                Duration.ofSeconds(30),
                Duration.ofDays(30),
                Duration.ofSeconds(10),
                true,
                "Lax",
                "java:jboss/datasources/ExampleDS",
                true,
                false,
                List.of(),
                "admin",
                "",
                "",
                8,
                1024,
                1,
                1,
                4,
                65536);
    }
}
