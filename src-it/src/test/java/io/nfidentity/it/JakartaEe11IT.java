package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Jakarta EE 11 adds that an application may call on a request nf-identity authenticated: Jakarta Security 4's
 * {@code SecurityContext.getAllDeclaredCallerRoles()} lists the roles of the verified token that the application
 * declared, as {@code isCallerInRole} sees them, and Servlet's {@code **} (any authenticated caller) for a caller
 * nf-identity authenticated; nothing for an anonymous caller. Runs where the suite runs on EE 11 ({@code -Pee11}, Payara Micro 7);
 * on EE 10 servers the method does not exist.
 */
class JakartaEe11IT extends SampleTestBase {

    @BeforeEach
    void onJakartaEe11Only() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Servers.micro(), "Jakarta Security 4 is Jakarta EE 11: runs with -Pee11 (Payara Micro 7)");
    }

    @Test
    void anAdministratorsTokenGivesTheDeclaredRoleAdmin() {
        String token = accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);

        Http.Res r = browser().get("api/it/declared-roles", "Authorization", "Bearer " + token);

        assertEquals(200, r.status(), r.toString());
        assertEquals("**,admin", r.body().strip(), r.toString());
    }

    @Test
    void aNewMemberFromTheCookieSessionHasTheRoleTheSignupObserverGave() {
        signUp(http);

        Http.Res r = http.get("api/it/declared-roles");

        assertEquals(200, r.status(), r.toString());
        assertEquals("**,member", r.body().strip(), r.toString());
    }

    @Test
    void anAnonymousCallerHasNoRole() {
        Http.Res r = http.get("api/it/declared-roles");

        assertEquals(200, r.status(), r.toString());
        assertEquals("", r.body().strip(), r.toString());
    }

    @Test
    void aForgedTokenClaimingAdminGivesNoRole() {
        String forged = Jwts.hs256(
                Jwts.payload(
                        java.util.UUID.randomUUID().toString(),
                        ADMIN_EMAIL,
                        java.time.Instant.now().plusSeconds(600),
                        "[\"admin\"]"),
                "not-the-servers-secret-0123456789abcdef");

        Http.Res r = browser().get("api/it/declared-roles", "Authorization", "Bearer " + forged);

        // not a protected resource: the request goes on anonymously, the forged claims never read
        assertEquals(200, r.status(), r.toString());
        assertEquals("", r.body().strip(), "a token that fails verification grants nothing: " + r);
    }
}
