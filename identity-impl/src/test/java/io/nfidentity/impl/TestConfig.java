package io.nfidentity.impl;

import io.nfidentity.impl.config.ConfigReader;
import io.nfidentity.impl.config.IdentityConfig;
import java.util.HashMap;
import java.util.Map;

/** Valid configurations for unit tests, with cheap Argon2 parameters, read through the real {@link ConfigReader}. */
public final class TestConfig {
    public static final String SECRET = "unit-test-secret-0123456789-abcdefghijklmnop";

    private TestConfig() {}

    public static IdentityConfig config() {
        return with();
    }

    public static IdentityConfig withAudience(String aud) {
        return with("jwt.aud", aud);
    }

    /** The test defaults plus the given key/value pairs (keys without the nf.identity. prefix). */
    public static IdentityConfig with(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("nf.identity.jwt.secret", SECRET);
        m.put("nf.identity.site-url", "https://site.example.com");
        m.put("nf.identity.argon2.memory-kib", "1024");
        m.put("nf.identity.argon2.iterations", "1");
        for (int i = 0; i < kv.length; i += 2) {
            m.put("nf.identity." + kv[i], kv[i + 1]);
        }
        return ConfigReader.read(m);
    }
}
