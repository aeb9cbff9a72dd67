package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GoTrue's admin endpoints at {@code /.netlify/identity/admin/users}: shapes, headers, access and errors. */
class GoTrueAdminIT extends SampleTestBase {
    static final String API = ".netlify/identity/admin/users";
    static final String OPERATOR = "Bearer it-operator-token-0123456789abcdefghijkl";

    /** Calls the admin API with the operator token (a server-to-server caller). */
    private Http.Res op(String method, String path, String json) {
        return browser().send(method, path, json, "Authorization", OPERATOR);
    }

    private JsonObject createVia(String json) {
        Http.Res r = op("POST", API, json);
        assertEquals(200, r.status(), "create: " + r);
        return r.json();
    }

    @Test
    void createReturnsGoTrueUserJson() {
        String email = uniqueEmail();

        JsonObject u = createVia("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"confirm\":true,"
                + "\"user_metadata\":{\"full_name\":\"Ada Lovelace\"},\"app_metadata\":{\"roles\":[\"editor\"]}}");

        assertEquals(email, u.getString("email"), u.toString());
        assertEquals(36, u.getString("id").length(), u.toString());
        assertEquals("email", u.getJsonObject("app_metadata").getString("provider"), u.toString());
        assertEquals(
                "editor", u.getJsonObject("app_metadata").getJsonArray("roles").getString(0), u.toString());
        assertEquals("Ada Lovelace", u.getJsonObject("user_metadata").getString("full_name"), u.toString());
        for (String field : List.of("aud", "role", "confirmed_at", "created_at", "updated_at")) {
            assertTrue(u.containsKey(field), field + " present: " + u);
        }
        for (String field : List.of("invited_at", "new_email", "encrypted_password", "password")) {
            assertFalse(u.containsKey(field), field + " omitted: " + u);
        }
        logIn(http, email, PASSWORD);
    }

    @Test
    void getByIdAndErrors() {
        String email = uniqueEmail();
        String id = createVia("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
                .getString("id");

        Http.Res ok = op("GET", API + "/" + id, null);
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(email, ok.json().getString("email"));

        Http.Res notUuid = op("GET", API + "/not-a-uuid", null);
        assertEquals(400, notUuid.status(), notUuid.toString());
        assertEquals(400, notUuid.json().getInt("code"), notUuid.toString());
        assertEquals("User id must be a UUID", notUuid.json().getString("msg"), notUuid.toString());
        Http.Res loose = op("GET", API + "/1-1-1-1-1", null); // UUID.fromString takes it; the path does not
        assertEquals(400, loose.status(), loose.toString());
        assertEquals("bad_request", loose.json().getString("error_code"), loose.toString());

        Http.Res unknown = op("GET", API + "/" + UUID.randomUUID(), null);
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals("user_not_found", unknown.json().getString("error_code"), unknown.toString());
    }

    @Test
    void updateMergesMetadataAndNullDeletesAKey() {
        String id = createVia("{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + PASSWORD + "\","
                        + "\"user_metadata\":{\"a\":1,\"b\":2},\"app_metadata\":{\"plan\":\"free\",\"team\":\"x\"}}")
                .getString("id");

        Http.Res r = op(
                "PUT",
                API + "/" + id,
                "{\"user_metadata\":{\"b\":null,\"c\":3},\"app_metadata\":{\"team\":null,\"roles\":[\"admin\"]}}");

        assertEquals(200, r.status(), r.toString());
        JsonObject meta = r.json().getJsonObject("user_metadata");
        assertEquals(1, meta.getInt("a"), r.toString());
        assertFalse(meta.containsKey("b"), "null deletes the key: " + r);
        assertEquals(3, meta.getInt("c"), r.toString());
        JsonObject app = r.json().getJsonObject("app_metadata");
        assertEquals("free", app.getString("plan"), r.toString());
        assertFalse(app.containsKey("team"), r.toString());
        assertEquals("email", app.getString("provider"), "provider survives: " + r);
        assertEquals(r.json(), op("GET", API + "/" + id, null).json(), "stored as answered");
    }

    @Test
    void passwordChangeByAdminEndsTheUsersSessions() {
        String email = signUp(http);
        String id = http.get("api/user").json().getString("id");

        assertEquals(
                200,
                op("PUT", API + "/" + id, "{\"password\":\"a brand new password\"}")
                        .status());

        assertEquals(0, liveRefreshTokens(email), "all sessions revoked");
        logIn(browser(), email, "a brand new password");
    }

    @Test
    void deleteAnswersEmptyObjectAndTheUserIsGone() {
        String id = createVia("{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + PASSWORD + "\"}")
                .getString("id");

        Http.Res r = op("DELETE", API + "/" + id, null);

        assertEquals(200, r.status(), r.toString());
        assertEquals("{}", r.body().trim(), r.toString());
        assertEquals(404, op("GET", API + "/" + id, null).status());
        assertEquals(404, op("DELETE", API + "/" + id, null).status(), "a second delete is 404");
    }

    @Test
    void listHasAudUsersTotalAndLinkHeaders() {
        for (int i = 0; i < 3; i++) {
            createVia("{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + PASSWORD + "\"}");
        }

        Http.Res r = op("GET", API + "?page=1&per_page=2", null);

        assertEquals(200, r.status(), r.toString());
        assertTrue(r.json().containsKey("aud"), r.toString());
        assertEquals(2, r.json().getJsonArray("users").size(), r.toString());
        long total = Long.parseLong(r.header("X-Total-Count").orElseThrow(() -> new AssertionError("no total: " + r)));
        assertTrue(total >= 4, "admin plus three: " + r);
        String link = r.header("Link").orElseThrow(() -> new AssertionError("no Link: " + r));
        assertTrue(link.contains("page=2") && link.contains("rel=\"next\""), link);
        assertTrue(link.contains("rel=\"last\""), link);
    }

    @Test
    void listSortsByCreationTimeBothWays() {
        String first = uniqueEmail();
        String second = uniqueEmail();
        createVia("{\"email\":\"" + first + "\",\"password\":\"" + PASSWORD + "\"}");
        createVia("{\"email\":\"" + second + "\",\"password\":\"" + PASSWORD + "\"}");

        List<String> desc = emails(op("GET", API + "?per_page=1000", null));
        List<String> asc = emails(op("GET", API + "?per_page=1000&sort=created_at%20asc", null));

        assertTrue(desc.indexOf(second) < desc.indexOf(first), "newest first by default");
        assertTrue(asc.indexOf(first) < asc.indexOf(second), "oldest first when asked");
        assertEquals(400, op("GET", API + "?sort=email", null).status(), "unsupported sort is a 400");
    }

    @Test
    void filterMatchesEmailOrFullNamePrefixWithoutRegardToCase() {
        String tag = "zq" + UUID.randomUUID().toString().substring(0, 8);
        String byEmail = tag + "-mail@it.example.com";
        createVia("{\"email\":\"" + byEmail + "\",\"password\":\"" + PASSWORD + "\"}");
        String byName = uniqueEmail();
        createVia("{\"email\":\"" + byName + "\",\"password\":\"" + PASSWORD + "\",\"user_metadata\":"
                + "{\"full_name\":\"" + tag.toUpperCase() + " Person\"}}");

        Http.Res r = op("GET", API + "?filter=" + tag.toUpperCase(), null);

        assertEquals(Set.of(byEmail, byName), new HashSet<>(emails(r)), r.toString());
        assertEquals("2", r.header("X-Total-Count").orElse(""), r.toString());
    }

    @Test
    void filterFindsAPartInTheMiddleOfAnEmailOrAName() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String domain = "dom" + tag + ".example.com"; // the sample admits example.com and its subdomains
        String inDomain = "someone@" + domain;
        String otherInDomain = "else@" + domain;
        createVia("{\"email\":\"" + inDomain + "\",\"password\":\"" + PASSWORD + "\"}");
        createVia("{\"email\":\"" + otherInDomain + "\",\"password\":\"" + PASSWORD + "\"}");
        String bySurname = uniqueEmail();
        createVia("{\"email\":\"" + bySurname + "\",\"password\":\"" + PASSWORD + "\",\"user_metadata\":"
                + "{\"full_name\":\"Ada Sur" + tag + "name\"}}");

        Http.Res byDomain = op("GET", API + "?filter=" + domain.toUpperCase(), null);
        assertEquals(
                Set.of(inDomain, otherInDomain), new HashSet<>(emails(byDomain)), "a company's domain: " + byDomain);
        Http.Res byName = op("GET", API + "?filter=sur" + tag, null);
        assertEquals(List.of(bySurname), emails(byName), "a surname in the middle of the full name: " + byName);
        Http.Res acrossTheAt = op("GET", API + "?filter=ONE@DOM" + tag, null);
        assertEquals(List.of(inDomain), emails(acrossTheAt), "the end of a local part and its domain: " + acrossTheAt);
        Http.Res otherDomain = op("GET", API + "?filter=someone@elsewhere" + tag, null);
        assertEquals(List.of(), emails(otherDomain), "the local part alone is not enough: " + otherDomain);

        Http.Res oldest = op("GET", API + "?filter=" + domain + "&sort=created_at%20asc&per_page=1", null);
        assertEquals(List.of(inDomain), emails(oldest), "oldest first, one a page: " + oldest);
        assertTrue(oldest.header("Link").orElse("").contains("rel=\"next\""), "a next page: " + oldest);
        Http.Res last = op("GET", API + "?filter=" + domain + "&sort=created_at%20asc&per_page=1&page=2", null);
        assertEquals(List.of(otherInDomain), emails(last), last.toString());
        assertFalse(last.header("Link").orElse("").contains("rel=\"next\""), "no next page after the last: " + last);
    }

    @Test
    void cursorPagingVisitsEveryUserOnceWithoutOverlap() {
        String tag = "cur" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String email = tag + "-" + i + "@it.example.com";
            createVia("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
            created.add(email);
        }

        List<String> seen = new ArrayList<>();
        String url = API + "?per_page=2&filter=" + tag + "&cursor=";
        Http.Res r = op("GET", url, null);
        seen.addAll(emails(r));
        assertTrue(r.header("X-Total-Count").isEmpty(), "keyset paging skips the count: " + r);
        for (int guard = 0; guard < 10 && r.header("Link").isPresent(); guard++) {
            String next = r.header("Link").get().replaceAll(".*[?&]cursor=([^&>]+).*", "$1");
            r = op("GET", API + "?per_page=2&filter=" + tag + "&cursor=" + next, null);
            seen.addAll(emails(r));
        }

        assertEquals(5, seen.size(), "no overlap, nothing skipped: " + seen);
        assertEquals(created, new HashSet<>(seen));
    }

    @Test
    void adminRoleBearerIsAllowedAndEveryoneElseGets401() {
        Http admin = browser();
        logIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
        assertEquals(
                200,
                admin.get(API, "Authorization", "Bearer " + admin.cookies.get("nf_jwt"))
                        .status(),
                "admin by role, with the token as bearer: " + admin.last);
        assertEquals(401, admin.get(API).status(), "the cookie alone does not authorise the API (CSRF): " + admin.last);

        signUp(http);
        Http.Res user = http.get(API);
        assertEquals(401, user.status(), "a non-admin user: " + user);
        assertEquals("User not allowed", user.json().getString("msg"), user.toString());

        assertEquals(401, browser().get(API).status(), "anonymous");
        assertEquals(
                401,
                browser()
                        .get(API, "Authorization", "Bearer it-operator-token-WRONG-0123456789abcd")
                        .status(),
                "a wrong operator token");
    }

    @Test
    void badPaginationAndBadBodiesAreClearErrors() {
        for (String q : List.of("?page=0", "?per_page=abc", "?per_page=5000", "?page=-1", "?cursor=bogus")) {
            Http.Res r = op("GET", API + q, null);
            assertTrue(r.status() == 400 || r.status() == 422, q + " -> " + r);
            assertEquals("bad_pagination", r.json().getString("error_code"), q + " -> " + r);
        }
        Http.Res malformed =
                browser().postRaw(API, "{nope", "Content-Type", "application/json", "Authorization", OPERATOR);
        assertEquals(400, malformed.status(), malformed.toString());
        assertEquals(400, malformed.json().getInt("code"), malformed.toString());
        Http.Res text = browser().postRaw(API, "email=x", "Content-Type", "text/plain", "Authorization", OPERATOR);
        assertEquals(415, text.status(), text.toString());
        Http.Res wrongType = op("POST", API, "{\"email\":42,\"password\":\"" + PASSWORD + "\"}");
        assertEquals(422, wrongType.status(), wrongType.toString());
        Http.Res dup = op("POST", API, "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(422, dup.status(), dup.toString());
        assertEquals("email_exists", dup.json().getString("error_code"), dup.toString());
    }

    @Test
    void libraryResourcesAreNotServedUnderTheApplicationsOwnPath() {
        Http.Res r = op("GET", "api/identity/admin/users", null);
        assertEquals(404, r.status(), "only /.netlify/identity serves the admin API: " + r);
    }

    private static List<String> emails(Http.Res r) {
        assertEquals(200, r.status(), r.toString());
        return r.json().getJsonArray("users").stream()
                .map(v -> v.asJsonObject().getString("email"))
                .toList();
    }
}
