package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: a page on attacker.example whose name the attacker points at this server talks to the GoTrue API as
 * same-origin. The API answers only for the site's name, an allowed origin's and loopback, by default.
 */
class HostCheckIT extends SampleTestBase {
    private RawHttp.Res get(String path, String host) {
        return RawHttp.send(base, "GET", ID + path, null, "Host: " + host);
    }

    @Test
    void theApiRefusesAHostThatIsNotOneOfItsOwnNames() {
        for (String host :
                new String[] {"attacker.example", "attacker.example:8080", "site.example.com.attacker.example"}) {
            RawHttp.Res r = get("settings", host);
            assertEquals(421, r.status(), host + ": " + r);
            assertTrue(r.body().contains("\"error_code\":\"host_not_allowed\""), r.toString());
        }
        RawHttp.Res recover = RawHttp.send(
                base,
                "POST",
                ID + "recover",
                "{\"email\":\"" + ADMIN_EMAIL + "\"}",
                "Host: attacker.example",
                "Content-Type: application/json");
        assertEquals(421, recover.status(), "refused before any work: " + recover);
    }

    @Test
    void theSitesNameAnAllowedOriginsAndLoopbackAreAnswered() {
        for (String host : new String[] {
            "site.example.com", "app.example.com", "localhost:" + base.getPort(), "127.0.0.1:" + base.getPort(), "[::1]"
        }) {
            RawHttp.Res r = get("settings", host);
            assertEquals(200, r.status(), host + ": " + r);
        }
    }

    @Test
    void theHealthCheckAndTheJwksAnswerAnyHostForProbesAndOtherServices() {
        assertEquals(
                200, get("health", "node-7.internal:8080").status(), "a load balancer probing by the node's address");
        assertEquals(200, get(".well-known/jwks.json", "identity.internal").status(), "a service inside the network");
    }
}
