package io.nfidentity.impl.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.nfidentity.impl.config.External;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An issuer that is down is asked again only after a pause: {@code /authorize} is anonymous, and every call used to
 * fetch the discovery document again. A real HTTP server on loopback stands for the broken issuer.
 */
class OidcDiscoveryTest {
    private HttpServer issuer;
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void brokenIssuer() throws Exception {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/", exchange -> {
            fetches.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        issuer.start();
    }

    @AfterEach
    void stop() {
        issuer.stop(0);
    }

    @Test
    void aFailedDiscoveryIsNotFetchedAgainByEveryAuthorization() {
        String url = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/x";
        ProviderProtocol oidc = ProviderProtocol.of(
                new External.Provider(
                        "corp",
                        io.nfidentity.impl.config.ProviderKind.OIDC,
                        "Corp",
                        "client",
                        "secret",
                        url,
                        null,
                        "openid email"),
                new OAuthHttp());

        for (int i = 0; i < 20; i++) {
            assertThrows(
                    ExternalLoginException.class,
                    () -> oidc.authorizeUrl("https://site.example/cb", "state", "challenge", "nonce"));
        }

        assertEquals(1, fetches.get(), "one fetch, then the failure is remembered for a while");
    }
}
