package io.nfidentity.impl.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.impl.HandClock;
import io.nfidentity.impl.TestConfig;
import io.nfidentity.impl.TestWiring;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.lifecycle.NewUsers;
import io.nfidentity.impl.revocation.SessionGuard;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.session.SessionService;
import io.nfidentity.impl.session.SessionWrites;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.AccessTokens;
import io.nfidentity.impl.web.SessionCookies;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mechanism's exits, fast and without a server: which credential counts, when a session is refreshed, when cookies
 * are cleared. The servlet objects are minimal stand-ins that fail on anything the mechanism should not touch; the
 * same exits are proven on a real WildFly by the integration tests.
 */
class NfJwtMechanismTest {
    private final HandClock clock = new HandClock(Instant.now());
    private final IdentityConfig config = TestConfig.config();
    private NfJwtMechanism mechanism;

    /** The same, with the sample's loopback-only setting. */
    private NfJwtMechanism sample;

    private AccessTokens tokens;
    private SessionWrites writes;
    private UserRow user;

    @BeforeEach
    void wire() {
        TestWiring w = new TestWiring(config, clock);
        DataSource ds = w.ds;
        UserStore users = w.users;
        io.nfidentity.impl.audit.AuditLog audit = w.audit;
        SessionGuard guard = w.guard;
        tokens = w.tokens;
        writes = w.sessionWrites;
        NewUsers newUsers = w.newUsers;
        SessionService sessions = new SessionService(w.sessionRotation, w.logouts);
        mechanism = new NfJwtMechanism(tokens, sessions, new SessionCookies(config), guard, config, null);
        sample = new NfJwtMechanism(
                tokens,
                sessions,
                new SessionCookies(config),
                guard,
                io.nfidentity.impl.TestConfig.with("loopback-only", "true"),
                null);
        user = newUsers.row("ada@example.com", "hash", null, true, List.of("editor"));
        users.insert(
                user.withMetadata(Map.of("provider", "email", "roles", List.of("editor")), Map.of(), clock.instant()));
    }

    /** One request and what the mechanism did with it. */
    private static final class Exchange {
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final List<Cookie> cookies = new ArrayList<>();
        final Map<String, Object> attributes = new HashMap<>();
        final List<String> setCookies = new ArrayList<>();
        final Map<String, String> responseHeaders = new HashMap<>();
        boolean isProtected;
        String remoteAddr = "192.0.2.1";
        int status;
        final java.io.StringWriter body = new java.io.StringWriter();
        String localAddr = "192.0.2.2";
        String caller;
        Set<String> groups;

        Exchange header(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        Exchange cookie(String name, String value) {
            cookies.add(new Cookie(name, value));
            return this;
        }

        HttpServletRequest request() {
            return proxy(HttpServletRequest.class, (name, args) -> switch (name) {
                case "getHeader" -> headers.getOrDefault((String) args[0], List.of()).stream()
                        .findFirst()
                        .orElse(null);
                case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                case "getCookies" -> cookies.isEmpty() ? null : cookies.toArray(new Cookie[0]);
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                case "getAttribute" -> attributes.get((String) args[0]);
                case "removeAttribute" -> attributes.remove((String) args[0]);
                case "getRemoteAddr" -> remoteAddr;
                case "getLocalAddr" -> localAddr;
                default -> throw new UnsupportedOperationException("the mechanism should not call " + name);
            });
        }

        HttpServletResponse response() {
            return proxy(HttpServletResponse.class, (name, args) -> switch (name) {
                case "addHeader" -> "Set-Cookie".equals(args[0])
                        ? setCookies.add((String) args[1])
                        : responseHeaders.put((String) args[0], (String) args[1]);
                case "setHeader" -> responseHeaders.put((String) args[0], (String) args[1]);
                case "setStatus" -> status = (Integer) args[0];
                case "setContentType" -> null;
                case "getWriter" -> new java.io.PrintWriter(body);
                default -> throw new UnsupportedOperationException("the mechanism should not call " + name);
            });
        }

        @SuppressWarnings("unchecked")
        HttpMessageContext context() {
            return proxy(HttpMessageContext.class, (name, args) -> switch (name) {
                case "isProtected" -> isProtected;
                case "isAuthenticationRequest" -> false; // SecurityContext.authenticate: SecuritySeamsIT
                case "notifyContainerAboutLogin" -> {
                    caller = ((Principal) args[0]).getName();
                    groups = (Set<String>) args[1];
                    yield AuthenticationStatus.SUCCESS;
                }
                case "doNothing" -> AuthenticationStatus.NOT_DONE;
                case "responseUnauthorized" -> AuthenticationStatus.SEND_FAILURE;
                default -> throw new UnsupportedOperationException("the mechanism should not call " + name);
            });
        }

        AuthenticationStatus run(NfJwtMechanism m) {
            return m.validateRequest(request(), response(), context());
        }

        boolean cleared(String name) {
            return setCookies.stream().anyMatch(c -> c.startsWith(name + "=;") && c.contains("Max-Age=0"));
        }
    }

    interface Answer {
        Object apply(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(
                type.getClassLoader(),
                new Class<?>[] {type},
                (p, method, args) -> answer.apply(method.getName(), args)));
    }

    private Session login() {
        return writes.open(user, "password");
    }

    @Test
    void aValidBearerTokenLogsTheCallerInWithItsRoles() {
        Exchange e = new Exchange().header("Authorization", "Bearer " + login().accessToken());

        assertEquals(AuthenticationStatus.SUCCESS, e.run(mechanism));
        assertEquals(user.id().toString(), e.caller);
        assertEquals(Set.of("editor"), e.groups);
    }

    @Test
    void aMalformedBearerHeaderIsAnonymousEvenWithAValidCookie() {
        Session s = login();
        Exchange e = new Exchange()
                .header("Authorization", "Bearer \u000b")
                .cookie("nf_jwt", s.accessToken())
                .cookie("nf_refresh", s.refreshToken());

        assertEquals(AuthenticationStatus.NOT_DONE, e.run(mechanism));
        assertEquals(null, e.caller, "the cookie was not read");
        assertTrue(e.setCookies.isEmpty(), "nor refreshed or cleared: a bearer client's cookies are its own");
    }

    @Test
    void anExpiredCookieSessionIsRefreshedTransparently() {
        clock.advance(Duration.ofHours(-2)); // SmallRye checks exp against the real clock: log in two hours ago
        Session s = login();
        clock.advance(Duration.ofHours(2));
        Exchange e = new Exchange().cookie("nf_jwt", s.accessToken()).cookie("nf_refresh", s.refreshToken());

        assertEquals(AuthenticationStatus.SUCCESS, e.run(mechanism));
        assertEquals(user.id().toString(), e.caller);
        assertTrue(
                e.setCookies.stream().anyMatch(c -> c.startsWith("nf_jwt=ey")), "a new access cookie: " + e.setCookies);
        assertTrue(e.setCookies.stream().anyMatch(c -> c.startsWith("nf_refresh=") && c.contains("HttpOnly")));
        assertEquals("no-store", e.responseHeaders.get("Cache-Control"), "an answer with tokens is not cached");
    }

    @Test
    void aForgedCookieWithoutARefreshTokenIsAnonymousAndClearsTheCookies() {
        String token = login().accessToken();
        String forged =
                token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        Exchange e = new Exchange().cookie("nf_jwt", forged);

        assertEquals(AuthenticationStatus.NOT_DONE, e.run(mechanism));
        assertTrue(e.cleared("nf_jwt") && e.cleared("nf_refresh"), "both cookies expired: " + e.setCookies);
    }

    @Test
    void anAnonymousCallerOfAProtectedResourceGets401WithTheScheme() {
        Exchange e = new Exchange();
        e.isProtected = true;

        assertEquals(AuthenticationStatus.SEND_FAILURE, e.run(mechanism));
        assertEquals("Bearer", e.responseHeaders.get("WWW-Authenticate"));
    }

    @Test
    void anAnonymousCallerOfAPublicResourcePassesUntouched() {
        Exchange e = new Exchange();

        assertEquals(AuthenticationStatus.NOT_DONE, e.run(mechanism));
        assertTrue(e.setCookies.isEmpty() && e.responseHeaders.isEmpty());
    }

    @Test
    void withTheSamplesPublishedDefaultsAConnectionFromAnotherMachineIsRefusedWhateverItCarries() {
        Exchange remote = new Exchange().header("Authorization", "Bearer " + login().accessToken());

        assertEquals(AuthenticationStatus.SEND_FAILURE, remote.run(sample));
        assertEquals(403, remote.status);
        assertTrue(remote.body.toString().contains("loopback_only"), remote.body.toString());
        assertEquals(null, remote.caller, "nobody is logged in");

        Exchange local = new Exchange().header("Authorization", "Bearer " + login().accessToken());
        local.remoteAddr = "127.0.0.1";
        local.localAddr = "127.0.0.1";
        assertEquals(AuthenticationStatus.SUCCESS, local.run(sample), "this machine is served as ever");
        Exchange toAPublicAddress = new Exchange();
        toAPublicAddress.remoteAddr =
                "127.0.0.1"; // a proxy on this machine, but the server listens on a public address
        assertEquals(AuthenticationStatus.SEND_FAILURE, toAPublicAddress.run(sample));
    }

    @Test
    void loopbackMeansAddressesOfThisMachineOnly() {
        for (String a :
                new String[] {"127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "[::1]", "::ffff:127.0.0.1"}) {
            assertTrue(NfJwtMechanism.loopback(a), a);
        }
        for (String a :
                new String[] {"192.0.2.1", "10.0.0.1", "::ffff:10.0.0.1", "1270.0.0.1", "localhost", "", null}) {
            assertFalse(NfJwtMechanism.loopback(a), String.valueOf(a));
        }
    }
}
