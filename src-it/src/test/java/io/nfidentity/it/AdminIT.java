package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code IdentityAdmin} through the sample's admin endpoints (the bean), each with its lifecycle event. */
class AdminIT extends SampleTestBase {

    private Http admin() {
        Http a = browser();
        logIn(a, ADMIN_EMAIL, ADMIN_PASSWORD);
        return a;
    }

    private List<String> eventsWhen(String email, String expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        String body = browser().get("api/it/events?email=" + email).body();
        while (!body.contains(expected) && Instant.now().isBefore(deadline)) {
            body = browser().get("api/it/events?email=" + email).body();
        }
        return List.of(body.split("\n"));
    }

    private JsonObject create(Http admin, String email, String roles) {
        Http.Res r = admin.postJson(
                "api/admin/users",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"roles\":" + roles + "}");
        assertEquals(201, r.status(), "create: " + r);
        return r.json();
    }

    @Test
    void adminCreatesAConfirmedUserWhoCanLogInWithTheRoles() {
        String email = uniqueEmail();

        JsonObject user = create(admin(), email, "[\"editor\"]");

        assertEquals(email, user.getString("email"), user.toString());
        logIn(http, email, PASSWORD);
        assertTrue(
                Jwts.decodePayload(http.cookies.get("nf_jwt")).contains("\"roles\":[\"editor\"]"),
                "roles given at creation are in the token");
        List<String> log = eventsWhen(email, "ASYNC:UserValidate");
        assertTrue(log.contains("SYNC1:UserValidate:" + email), "createUser fires UserValidate: " + log);
        assertFalse(
                log.stream().anyMatch(l -> l.startsWith("SYNC1:UserSignup")), "admin create is not a signup: " + log);
    }

    @Test
    void roleChangeByAdminShowsUpAtTheUsersNextRefresh() {
        String email = signUp(http);
        String id = http.get("api/user").json().getString("id");
        assertFalse(Jwts.decodePayload(http.cookies.get("nf_jwt")).contains("editor"));

        Http.Res r = putJson(admin(), "api/admin/users/" + id + "/roles", "{\"roles\":[\"member\",\"editor\"]}");
        assertEquals(200, r.status(), r.toString());

        http.cookies.remove("nf_jwt");
        assertEquals(200, http.get("api/user").status(), "refreshed: " + http.last);
        assertTrue(
                Jwts.decodePayload(http.cookies.get("nf_jwt")).contains("\"roles\":[\"member\",\"editor\"]"),
                "the refreshed token carries the new roles: " + Jwts.decodePayload(http.cookies.get("nf_jwt")));
        List<String> log = eventsWhen(email, "ASYNC:UserModified");
        assertTrue(log.contains("SYNC1:UserModified:" + email), "updateUser fires UserModified: " + log);
    }

    @Test
    void deletedUsersSessionEndsAtOnce() {
        String email = signUp(http);
        String id = http.get("api/user").json().getString("id");

        Http.Res r = admin().send("DELETE", "api/admin/users/" + id, null);

        assertEquals(204, r.status(), r.toString());
        assertEquals(0, usersWithEmail(email), "gone from the database");
        http.cookies.remove("nf_jwt");
        assertEquals(401, http.get("api/user").status(), "its refresh token no longer works: " + http.last);
        List<String> log = eventsWhen(email, "ASYNC:UserDeleted");
        assertTrue(log.contains("SYNC1:UserDeleted:" + email), "deleteUser fires UserDeleted: " + log);
        assertTrue(
                log.stream().anyMatch(l -> l.startsWith("ASYNC:UserDeleted:" + email + ":stored=false")),
                "async UserDeleted runs after the delete committed: " + log);
    }

    @Test
    void duplicateInvalidAndUnknownAreClearErrors() {
        Http a = admin();
        String email = uniqueEmail();
        create(a, email, "[]");

        Http.Res dup = a.postJson(
                "api/admin/users", "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(422, dup.status(), dup.toString());
        assertEquals("email_exists", dup.json().getString("error_code"), dup.toString());

        Http.Res bad = a.postJson("api/admin/users", "{\"email\":\"not-an-email\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(422, bad.status(), bad.toString());

        Http.Res weak = a.postJson("api/admin/users", "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"\"}");
        assertEquals(422, weak.status(), weak.toString());
        assertEquals("weak_password", weak.json().getString("error_code"), weak.toString());

        Http.Res unknown = a.send("DELETE", "api/admin/users/00000000-0000-0000-0000-000000000000", null);
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals("user_not_found", unknown.json().getString("error_code"), unknown.toString());
    }

    @Test
    void nonAdminsCannotManageUsers() {
        signUp(http);
        Http.Res r = http.postJson("api/admin/users", "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"x\"}");
        assertEquals(403, r.status(), r.toString());
    }

    private static Http.Res putJson(Http h, String path, String json) {
        return h.send("PUT", path, json);
    }
}
