package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One role, four ways to require it: JAX-RS {@code @RolesAllowed}, an EJB's {@code @RolesAllowed}, a plain CDI bean's
 * {@code @RolesAllowed}, and a {@code web.xml} security constraint. Each gives 200 to an admin, 403 to another user and
 * 401 to an anonymous caller, with a JSON body.
 */
class RoleChecksIT extends SampleTestBase {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"api/admin-users", "api/report", "api/greeting", "admin/"})
    void adminIsAllowed(String path) {
        logIn(http, ADMIN_EMAIL, ADMIN_PASSWORD);

        Http.Res r = http.get(path);

        assertEquals(200, r.status(), path + " for an admin: " + r);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"api/admin-users", "api/report", "api/greeting", "admin/"})
    void userWithoutTheRoleIsForbiddenWithJson(String path) {
        signUp(http);

        Http.Res r = http.get(path);

        assertEquals(403, r.status(), path + " for a user without the role: " + r);
        assertEquals("forbidden", r.json().getString("error_code"), r.toString());
        assertEquals(403, r.json().getInt("code"), r.toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"api/admin-users", "api/report", "api/greeting", "admin/", "api/user"})
    void anonymousCallerIsUnauthorizedWithJson(String path) {
        Http.Res r = http.get(path);

        assertEquals(401, r.status(), path + " anonymously: " + r);
        assertEquals("not_authenticated", r.json().getString("error_code"), r.toString());
        assertTrue(r.header("WWW-Authenticate").isPresent(), "401 names the scheme: " + r);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/", "/index.html"})
    void publicPagesStayPublic(String path) {
        Http.Res r = http.get(path);

        assertEquals(200, r.status(), path + " anonymously: " + r);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"api/admin-users", "api/report"})
    void adminListSeesUsersThroughIdentityAdmin(String path) {
        String email = signUp(browser());
        logIn(http, ADMIN_EMAIL, ADMIN_PASSWORD);

        Http.Res r = http.get(path);

        assertEquals(200, r.status(), r.toString());
        if (path.endsWith("admin-users")) {
            assertTrue(r.body().contains(email), "the new user is listed: " + r);
        } else {
            assertTrue(r.json().getJsonNumber("users").longValue() >= 2, "count includes admin and new user: " + r);
        }
    }
}
