package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signup, login, the cookies and their attributes, the token inside, bearer use, and logout. */
class CookieSessionIT extends SampleTestBase {

    @Test
    void signupStoresTheUserAndSetsBothCookiesWithTheSpecAttributes() {
        String email = uniqueEmail();
        Http.Res r = http.postJson("api/signup", credentials(email, PASSWORD));

        assertEquals(302, r.status(), "signup answers 302: " + r);
        assertTrue(r.header("Location").orElse("").endsWith("/dashboard"), "redirects to /dashboard: " + r);
        String jwt = r.setCookie("nf_jwt").orElseThrow(() -> new AssertionError("no nf_jwt cookie: " + r));
        String refresh = r.setCookie("nf_refresh").orElseThrow(() -> new AssertionError("no nf_refresh: " + r));
        for (String cookie : List.of(jwt, refresh)) {
            assertAll(
                    cookie,
                    () -> assertTrue(cookie.contains("; Path=/"), "Path=/ in " + cookie),
                    () -> assertTrue(cookie.contains("; Secure"), "Secure in " + cookie),
                    () -> assertTrue(cookie.contains("; SameSite=Lax"), "SameSite=Lax in " + cookie),
                    () -> assertFalse(cookie.toLowerCase().contains("max-age"), "session cookie: " + cookie));
        }
        assertFalse(jwt.contains("HttpOnly"), "nf_jwt must be readable by Netlify's browser client: " + jwt);
        assertTrue(refresh.contains("HttpOnly"), "nf_refresh is HttpOnly: " + refresh);
        assertEquals(1, usersWithEmail(email), "the user is in the database");
        assertEquals(1, liveRefreshTokens(email), "one live refresh token for the new session");
    }

    @Test
    void accessTokenHasGoTruesShapeWithRolesInAppMetadata() {
        String email = signUp(http);
        String jwt = http.cookies.get("nf_jwt");

        String header = Jwts.decodeHeader(jwt);
        String payload = Jwts.decodePayload(jwt);
        assertTrue(header.contains("\"alg\":\"HS256\"") && header.contains("\"kid\":\"nf-ident\""), header);
        assertTrue(payload.contains("\"email\":\"" + email + "\""), payload);
        assertTrue(
                payload.contains("\"app_metadata\":{\"provider\":\"email\",\"roles\":[\"member\"]}"),
                "provider and the role the sample's UserSignup observer assigns: " + payload);
        assertTrue(payload.contains("\"user_metadata\":{}"), payload);
        assertFalse(
                payload.contains("\"iat\"") || payload.contains("\"iss\"") || payload.contains("\"jti\""),
                "GoTrue tokens carry no iat, iss or jti: " + payload);
    }

    @Test
    void loggedInUserIsReturnedByTheUserEndpoint() {
        String email = signUp(http);

        Http.Res r = http.get("api/user");

        assertEquals(200, r.status(), "GET /api/user with the cookie: " + r);
        JsonObject body = r.json();
        assertEquals(email, body.getString("email"), r.toString());
        assertEquals(36, body.getString("id").length(), "id is a UUID: " + r);
        assertTrue(r.setCookies().isEmpty(), "a valid session is not refreshed: " + r);
    }

    @Test
    void loginWithPasswordStartsASecondIndependentSession() {
        String email = signUp(http);
        Http other = browser();

        logIn(other, email, PASSWORD);

        assertEquals(200, other.get("api/user").status(), "second browser is logged in: " + other.last);
        assertEquals(2, liveRefreshTokens(email), "two browsers, two sessions");
        assertNotEquals(http.cookies.get("nf_refresh"), other.cookies.get("nf_refresh"));
    }

    @Test
    void loginAcceptsTheEmailInAnyCase() {
        String email = signUp(http);

        logIn(browser(), email.toUpperCase(), PASSWORD);
    }

    @Test
    void bearerTokenAuthenticatesWithoutCookies() {
        signUp(http);
        String jwt = http.cookies.get("nf_jwt");

        Http.Res r = browser().get("api/user", "Authorization", "Bearer " + jwt);

        assertEquals(200, r.status(), "Authorization: Bearer works like the cookie: " + r);
    }

    @Test
    void logoutClearsBothCookiesAndEndsTheSession() {
        String email = signUp(http);
        String refresh = http.cookies.get("nf_refresh");

        Http.Res r = http.postJson("api/logout", "");

        assertEquals(204, r.status(), "logout: " + r);
        assertTrue(r.setCookie("nf_jwt").orElse("").contains("Max-Age=0"), "nf_jwt cleared: " + r);
        assertTrue(r.setCookie("nf_refresh").orElse("").contains("Max-Age=0"), "nf_refresh cleared: " + r);
        assertEquals(0, liveRefreshTokens(email), "the session's refresh token is revoked");
        Http stale = browser();
        stale.cookies.put("nf_refresh", refresh);
        assertEquals(401, stale.get("api/user").status(), "the revoked refresh token no longer logs in: " + stale.last);
    }

    @Test
    void logoutWithoutASessionStillClearsCookies() {
        Http.Res r = http.postJson("api/logout", "");

        assertEquals(204, r.status(), "logout never fails: " + r);
        assertTrue(
                r.setCookie("nf_jwt").isPresent() && r.setCookie("nf_refresh").isPresent(), r.toString());
    }

    @Test
    void bootstrapAdministratorFromConfigurationCanLogIn() {
        logIn(http, ADMIN_EMAIL, ADMIN_PASSWORD);

        assertTrue(
                Jwts.decodePayload(http.cookies.get("nf_jwt")).contains("\"roles\":[\"admin\"]"),
                "the configured admin has the admin role in the token");
    }

    @Test
    void unconfirmedUserCannotLogInAndIsToldWhy() {
        String email = signUp(browser());
        browser().postRaw("api/it/users/unconfirm?email=" + email, "");

        Http.Res r = http.postJson("api/login", credentials(email, PASSWORD));

        assertEquals(401, r.status(), r.toString());
        assertEquals("email_not_confirmed", r.json().getString("error_code"), r.toString());
        assertEquals("Email not confirmed", r.json().getString("msg"), r.toString());
        assertTrue(r.setCookies().isEmpty(), "no cookies for an unconfirmed user: " + r);
    }
}
