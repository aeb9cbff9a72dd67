package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A user's sessions: listed with where and how they started, and ended one at a time ("log out that other device") by
 * the user or an administrator. An ended session's refresh token and its access token stop at once.
 */
class SessionsIT extends SampleTestBase {

    /** One device's login: its tokens. */
    private record Device(String access, String refresh) {
        String bearer() {
            return "Bearer " + access;
        }
    }

    private Device login(String email, String userAgent) {
        Http.Res r = browser()
                .postRaw(
                        ID + "token",
                        passwordGrant(email, PASSWORD),
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "User-Agent",
                        userAgent);
        assertEquals(200, r.status(), r.toString());
        return new Device(r.json().getString("access_token"), r.json().getString("refresh_token"));
    }

    private Http.Res as(Device d, String method, String path) {
        return browser().send(method, ID + path, null, "Authorization", d.bearer());
    }

    private Http.Res refresh(Device d) {
        return browser()
                .postRaw(
                        ID + "token",
                        "grant_type=refresh_token&refresh_token=" + d.refresh(),
                        "Content-Type",
                        "application/x-www-form-urlencoded");
    }

    private static Optional<JsonObject> withAgent(JsonArray sessions, String userAgent) {
        return sessions.stream()
                .map(v -> v.asJsonObject())
                .filter(s -> userAgent.equals(s.getString("user_agent", "")))
                .findFirst();
    }

    @Test
    void aUserEndsTheOtherDeviceWhoseTokensStopAtOnceWhileThisOneGoesOn() {
        String email = signUpViaApi();
        Device phone = login(email, "Phone/1.0");
        Device laptop = login(email, "Laptop/2.0 (caf\u00e9)");

        Http.Res list = as(laptop, "GET", "user/sessions");
        assertEquals(200, list.status(), list.toString());
        JsonArray sessions = list.json().getJsonArray("sessions");
        JsonObject onPhone = withAgent(sessions, "Phone/1.0").orElseThrow(() -> new AssertionError(list.toString()));
        JsonObject onLaptop = withAgent(sessions, "Laptop/2.0 (caf?)")
                .orElseThrow(() -> new AssertionError("a sanitised user agent: " + list));
        assertEquals("password", onPhone.getString("method"));
        assertFalse(onPhone.getString("ip_address").isEmpty(), onPhone.toString());
        assertTrue(onLaptop.getBoolean("current"), "the caller's own session is marked: " + onLaptop);
        assertFalse(onPhone.getBoolean("current"), onPhone.toString());
        assertTrue(onPhone.containsKey("created_at") && onPhone.containsKey("refreshed_at"), onPhone.toString());

        Http.Res end = as(laptop, "DELETE", "user/sessions/" + onPhone.getString("id"));
        assertEquals(200, end.status(), end.toString());

        assertEquals(401, as(phone, "GET", "user").status(), "the phone's access token stops at once");
        assertEquals(400, refresh(phone).status(), "and its refresh token");
        assertEquals(200, as(laptop, "GET", "user").status(), "the laptop goes on");
        assertEquals(200, refresh(laptop).status());
        JsonArray after = as(laptop, "GET", "user/sessions").json().getJsonArray("sessions");
        assertTrue(withAgent(after, "Phone/1.0").isEmpty(), after.toString());
        Http.Res audit =
                browser().send("GET", ID + "admin/audit?action=logout&query=" + email, null, "Authorization", OPERATOR);
        assertTrue(audit.body().contains(onPhone.getString("id")), "the logout names the session: " + audit.body());
    }

    @Test
    void nobodyEndsAnotherUsersSessionAndCookiesAloneListNothing() {
        String alice = signUpViaApi();
        String bob = signUpViaApi();
        Device alicesPhone = login(alice, "Phone/1.0");
        Device bobs = login(bob, "Bob/1.0");
        String alicesSession = withAgent(
                        as(alicesPhone, "GET", "user/sessions").json().getJsonArray("sessions"), "Phone/1.0")
                .orElseThrow()
                .getString("id");

        Http.Res foreign = as(bobs, "DELETE", "user/sessions/" + alicesSession);
        assertEquals(404, foreign.status(), foreign.toString());
        assertEquals("session_not_found", foreign.json().getString("error_code"), foreign.toString());
        assertEquals(200, as(alicesPhone, "GET", "user").status(), "Alice's session goes on");
        Http.Res notUuid = as(bobs, "DELETE", "user/sessions/not-a-uuid");
        assertEquals(400, notUuid.status(), notUuid.toString());
        assertEquals("Session id must be a UUID", notUuid.json().getString("msg"), notUuid.toString());
        assertEquals(
                404,
                as(bobs, "DELETE", "user/sessions/00000000-0000-0000-0000-000000000000")
                        .status());

        Http cookies = browser();
        logIn(cookies, alice, PASSWORD);
        assertEquals(401, cookies.send("GET", ID + "user/sessions", null).status(), "the API needs a bearer token");
    }

    @Test
    void anAdministratorListsAndEndsAUsersSessionsAndACookieSessionEndsWithIt() {
        String email = signUpViaApi();
        Http cookies = browser();
        logIn(cookies, email, PASSWORD);
        Device api = login(email, "Api/1.0");
        String id = as(api, "GET", "user").json().getString("id");
        String admin = "Bearer " + accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);

        Http.Res list = browser().send("GET", ID + "admin/users/" + id + "/sessions", null, "Authorization", admin);
        assertEquals(200, list.status(), list.toString());
        JsonArray sessions = list.json().getJsonArray("sessions");
        assertTrue(sessions.size() >= 2, "the browser's and the API's: " + list);
        JsonObject api1 = withAgent(sessions, "Api/1.0").orElseThrow();
        assertFalse(api1.getBoolean("current"), "an administrator's list marks none as current");

        Http.Res end = browser()
                .send(
                        "DELETE",
                        ID + "admin/users/" + id + "/sessions/" + api1.getString("id"),
                        null,
                        "Authorization",
                        admin);
        assertEquals(200, end.status(), end.toString());
        assertEquals(401, as(api, "GET", "user").status());
        assertEquals(200, cookies.get("api/user").status(), "the browser's session goes on");

        Http.Res all = browser().send("DELETE", ID + "admin/users/" + id + "/sessions", null, "Authorization", admin);
        assertEquals(200, all.status(), all.toString());
        assertEquals(401, cookies.get("api/user").status(), "ended with the rest, its cookie no longer works");
        assertEquals(
                List.of(),
                browser()
                        .send("GET", ID + "admin/users/" + id + "/sessions", null, "Authorization", admin)
                        .json()
                        .getJsonArray("sessions"));

        String notAdmin = "Bearer " + login(signUpViaApi(), "X/1").access();
        assertEquals(
                401,
                browser()
                        .send("GET", ID + "admin/users/" + id + "/sessions", null, "Authorization", notAdmin)
                        .status());
    }
}
