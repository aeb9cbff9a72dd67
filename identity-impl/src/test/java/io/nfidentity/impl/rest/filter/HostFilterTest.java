package io.nfidentity.impl.rest.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which {@code Host} the GoTrue API answers (DNS rebinding): its own names and loopback, nothing else. */
class HostFilterTest {
    private final Set<String> own = HostFilter.ownNames(List.of(
            "https://site.example.com", "https://App.Example.com:8443", "http://[2001:db8::1]:8080/cb", "not a url"));

    @Test
    void theSiteAllowedOriginsAndLoopbackAreAnsweredWithOrWithoutAPort() {
        for (String host : new String[] {
            "site.example.com",
            "SITE.example.com:443",
            "app.example.com:8443",
            "[2001:db8::1]:8080",
            "localhost:8080",
            "127.0.0.1:8080",
            "[::1]:8080",
            "app.localhost"
        }) {
            assertTrue(HostFilter.allowed(HostFilter.hostName(host), own), host);
        }
    }

    @Test
    void anyOtherNameIsRefused() {
        for (String host : new String[] {
            "attacker.example",
            "site.example.com.attacker.example:443",
            "10.0.0.5",
            "127.0.0.1.nip.io",
            "example.com",
            ""
        }) {
            assertFalse(HostFilter.allowed(HostFilter.hostName(host), own), host);
        }
    }

    @Test
    void aHostHeaderIsReadWithoutItsPortAndBrackets() {
        assertEquals("site.example.com", HostFilter.hostName(" Site.Example.com:443 "));
        assertEquals("::1", HostFilter.hostName("[::1]:8080"));
        assertEquals("localhost", HostFilter.hostName("localhost"));
    }
}
