package io.nfidentity.impl.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.impl.TestConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeviceCookiesTest {
    private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
    private final DeviceCookies cookies = new DeviceCookies(TestConfig.config(), Clock.fixed(t0, ZoneOffset.UTC));

    private static String value(String setCookie) {
        return setCookie.substring(DeviceCookies.NAME.length() + 1, setCookie.indexOf(';'));
    }

    @Test
    void aCookieIssuedForAnAccountNamesADeviceOfThatAccountOnly() {
        String set = cookies.issue("Ada@Example.com");
        String v = value(set);
        assertTrue(cookies.deviceFor(v, "ada@example.com").isPresent(), "the same account, any case");
        assertTrue(cookies.deviceFor(v, "eve@example.com").isEmpty(), "never another account");
        assertFalse(v.toLowerCase().contains("ada"), "the account is not readable from the cookie: " + v);
        assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Secure"), set);
    }

    @Test
    void twoIssuedCookiesAreTwoDevices() {
        String a = cookies.deviceFor(value(cookies.issue("a@example.com")), "a@example.com")
                .orElseThrow();
        String b = cookies.deviceFor(value(cookies.issue("a@example.com")), "a@example.com")
                .orElseThrow();
        assertFalse(a.equals(b), "each browser gets its own counter");
    }

    @Test
    void forgedExpiredOrForeignCookiesNameNoDevice() {
        String v = value(cookies.issue("a@example.com"));
        String[] p = v.split("\\.");
        assertTrue(
                cookies.deviceFor(p[0] + "." + p[1] + "." + (Long.parseLong(p[2]) + 1) + "." + p[3], "a@example.com")
                        .isEmpty(),
                "a longer expiry breaks the MAC");
        assertTrue(
                cookies.deviceFor(p[0] + ".AAAA." + p[2] + "." + p[3], "a@example.com")
                        .isEmpty(),
                "another id");
        DeviceCookies later = new DeviceCookies(
                TestConfig.config(), Clock.fixed(t0.plus(DeviceCookies.LIFETIME).plusSeconds(1), ZoneOffset.UTC));
        assertTrue(later.deviceFor(v, "a@example.com").isEmpty(), "expired");
        DeviceCookies otherSecret = new DeviceCookies(
                TestConfig.with("jwt.secret", "another-secret-0123456789-abcdefghijklmnop"),
                Clock.fixed(t0, ZoneOffset.UTC));
        assertTrue(otherSecret.deviceFor(v, "a@example.com").isEmpty(), "made under another secret");
        for (String junk : new String[] {null, "", "v1", "v1...", "x".repeat(500), "v2.a.1.b"}) {
            assertEquals(java.util.Optional.empty(), cookies.deviceFor(junk, "a@example.com"), "junk: " + junk);
        }
    }
}
