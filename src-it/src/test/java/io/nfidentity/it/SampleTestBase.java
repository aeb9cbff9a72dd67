package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample EAR on the managed WildFly, driven over real HTTP; each test class is one deployment. Classes that
 * need another deployment extend {@link HttpTestBase} and declare their own.
 */
abstract class SampleTestBase extends HttpTestBase {
    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample();
    }
}

/** Helpers for tests that drive a deployment over HTTP; declares no deployment. */
@ExtendWith(ArquillianExtension.class)
abstract class HttpTestBase {
    static final String PASSWORD = "correct horse battery";
    static final String ADMIN_EMAIL = "admin@it.example.com";
    static final String ADMIN_PASSWORD = "it-admin-password-1";
    /** Where the GoTrue API answers. */
    static final String ID = ".netlify/identity/";
    /** The operator token of it-server.properties, as a bearer header value. */
    static final String OPERATOR = "Bearer it-operator-token-0123456789abcdefghijkl";

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void newBrowser() throws Exception {
        if (Servers.micro()) {
            // for the tests that use the URL itself; Arquillian sets it again before a subclass's own @BeforeEach,
            // so Http rewrites too (see Servers.onLoopback)
            base = Servers.onLoopback(base.toURI()).toURL();
        }
        http = new Http(base);
    }

    /** A fresh browser (own cookie jar) on the same server. */
    Http browser() {
        return new Http(base);
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@it.example.com";
    }

    /** GoTrue's password grant as a form body, every value URL-encoded (an address may hold a {@code +}). */
    static String passwordGrant(String email, String password) {
        return "grant_type=password&username="
                + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8) + "&password="
                + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** GoTrue's password grant ({@code POST /token}) sent from the given browser. */
    static Http.Res passwordLogin(Http browser, String email, String password) {
        return browser.postRaw(
                ID + "token", passwordGrant(email, password), "Content-Type", "application/x-www-form-urlencoded");
    }

    /** The access token of a successful password grant, from a fresh browser. */
    String accessToken(String email, String password) {
        Http.Res r = passwordLogin(browser(), email, password);
        assertEquals(200, r.status(), "login should succeed: " + r);
        return r.json().getString("access_token");
    }

    static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    /** Signs up a new user in the given browser; the browser ends up logged in. */
    static String signUp(Http browser) {
        String email = uniqueEmail();
        Http.Res r = browser.postJson("api/signup", credentials(email, PASSWORD));
        assertEquals(302, r.status(), "signup should redirect to the dashboard: " + r);
        return email;
    }

    /** A new user signed up through the GoTrue API (confirmed at once: the suite's server autoconfirms). */
    String signUpViaApi() {
        String email = uniqueEmail();
        Http.Res r = browser().send("POST", ID + "signup", credentials(email, PASSWORD));
        assertEquals(200, r.status(), "signup should succeed: " + r);
        return email;
    }

    /** A confirmed user with {@link #PASSWORD} and no session yet, made with the operator token; its id. */
    String newConfirmedUser(String email) {
        Http.Res r = browser()
                .send(
                        "POST",
                        ID + "admin/users",
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"confirm\":true}",
                        "Authorization",
                        OPERATOR);
        assertEquals(200, r.status(), r.toString());
        return r.json().getString("id");
    }

    /** GoTrue's refresh grant ({@code POST /token}) from a fresh browser. */
    Http.Res useRefreshToken(String refreshToken) {
        return browser()
                .postRaw(
                        ID + "token",
                        "grant_type=refresh_token&refresh_token=" + refreshToken,
                        "Content-Type",
                        "application/x-www-form-urlencoded");
    }

    /** A confirmed user with the admin role, made with the operator token; its address. */
    String newAdmin() {
        String email = uniqueEmail();
        Http.Res r = browser()
                .send(
                        "POST",
                        ID + "admin/users",
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"confirm\":true,"
                                + "\"app_metadata\":{\"roles\":[\"admin\"]}}",
                        "Authorization",
                        OPERATOR);
        assertEquals(200, r.status(), r.toString());
        return email;
    }

    /**
     * An attacker's signup of someone else's address, with a password and a name of the attacker's choosing, as it
     * comes before the owner does anything (pre-hijacking): the answer, which must be 200.
     */
    Http.Res attackerSignup(String email) {
        Http.Res r = browser()
                .send(
                        "POST",
                        ID + "signup",
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                                + "\",\"data\":{\"full_name\":\"Mallory\"}}");
        assertEquals(200, r.status(), "the attacker's signup: " + r);
        return r;
    }

    /** The user a bearer token belongs to, from {@code GET /user}. */
    jakarta.json.JsonObject userOf(String accessToken) {
        Http.Res r = browser().get(ID + "user", "Authorization", "Bearer " + accessToken);
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    static void logIn(Http browser, String email, String password) {
        Http.Res r = browser.postJson("api/login", credentials(email, password));
        assertEquals(302, r.status(), "login should redirect to the dashboard: " + r);
    }

    /** Rows in nf_users for the address, read from the server's real database. */
    long usersWithEmail(String email) {
        return Long.parseLong(browser().get("api/it/users?email=" + email).body());
    }

    /** The stored {@code user_metadata} JSON of the address, read from the server's real database. */
    String userMetadata(String email) {
        return browser().get("api/it/user-metadata?email=" + email).body();
    }

    /** The stored password hash of the address; empty when the user has none. */
    String passwordHash(String email) {
        return browser().get("api/it/password-hash?email=" + email).body();
    }

    long liveRefreshTokens(String email) {
        return Long.parseLong(
                browser().get("api/it/refresh-tokens/live?email=" + email).body());
    }
}
