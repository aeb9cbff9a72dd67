package io.nfidentity.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static IdentityConfig read(Map<String, String> values) {
        return new ConfigReader(key -> Optional.ofNullable(values.get(key))).read();
    }

    private static Map<String, String> with(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("nf.identity.jwt.secret", SECRET);
        m.put("nf.identity.site-url", "https://example.com");
        for (int i = 0; i < kv.length; i += 2) {
            m.put("nf.identity." + kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsNeedOnlyASecretAndASiteUrl() {
        IdentityConfig c = read(with());
        assertEquals(Duration.ofHours(1), c.accessTokenTtl());
        assertEquals(Duration.ofDays(30), c.refreshTokenTtl());
        assertEquals(Duration.ofSeconds(10), c.refreshReuseInterval());
        assertTrue(c.cookieSecure(), "cookies are Secure unless switched off");
        assertEquals("Lax", c.cookieSameSite());
        assertEquals("java:jboss/datasources/ExampleDS", c.dataSource());
        assertFalse(c.autoconfirm(), "as on Netlify, users confirm their address by default");
        assertEquals("admin", c.adminRole());
        assertEquals(19_456, c.argon2MemoryKib(), "OWASP's Argon2id memory");
        assertEquals(2, c.argon2Iterations());
        assertEquals(List.of(), c.allowedOrigins());
    }

    @Test
    void missingSiteUrlStopsStartup_mailLinksNeverFollowTheRequestHost() {
        Map<String, String> values = with();
        values.remove("nf.identity.site-url");
        var e = assertThrows(IllegalStateException.class, () -> read(values));
        assertTrue(e.getMessage().startsWith("NFID0001"), e.getMessage());
        assertTrue(e.getMessage().contains("nf.identity.site-url is not set"), e.getMessage());
    }

    @Test
    void missingSecretStopsStartupAndSaysWhatToSet() {
        var e = assertThrows(IllegalStateException.class, () -> read(new HashMap<>()));
        assertTrue(e.getMessage().contains("nf.identity.jwt.secret is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("NF_IDENTITY_JWT_SECRET"), e.getMessage());
    }

    @Test
    void secretShorterThan256BitsStopsStartup() {
        var e = assertThrows(
                IllegalStateException.class, () -> read(with("jwt.secret", "too-short-31-bytes-0123456789ab")));
        assertTrue(e.getMessage().contains("31 bytes long"), e.getMessage());
    }

    @Test
    void everyBadKeyIsReportedAtOnce() {
        var e = assertThrows(
                IllegalStateException.class,
                () -> read(with("jwt.exp", "soon", "cookie.secure", "maybe", "cookie.same-site", "Sometimes")));
        String m = e.getMessage();
        assertTrue(m.contains("jwt.exp must be a whole number"), m);
        assertTrue(m.contains("cookie.secure must be true or false"), m);
        assertTrue(m.contains("cookie.same-site must be Strict, Lax or None"), m);
    }

    @Test
    void outOfRangeNumbersAreRefused() {
        var e = assertThrows(IllegalStateException.class, () -> read(with("jwt.exp", "5")));
        assertTrue(e.getMessage().contains("jwt.exp must be between 60 and 86400"), e.getMessage());
    }

    @Test
    void sameSiteNoneNeedsSecure() {
        var e = assertThrows(
                IllegalStateException.class, () -> read(with("cookie.same-site", "None", "cookie.secure", "false")));
        assertTrue(e.getMessage().contains("requires cookie.secure=true"), e.getMessage());
    }

    @Test
    void bootstrapAdminNeedsBothEmailAndPassword() {
        var e = assertThrows(IllegalStateException.class, () -> read(with("bootstrap-admin.email", "a@b.co")));
        assertTrue(e.getMessage().contains("must be set together"), e.getMessage());
    }

    @Test
    void allowedOriginsIsACommaSeparatedList() {
        IdentityConfig c = read(with("allowed-origins", " https://a.example , https://b.example,"));
        assertEquals(List.of("https://a.example", "https://b.example"), c.allowedOrigins());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertFalse(read(with()).toString().contains(SECRET), "secret leaked into toString");
    }
}
