package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit log: every identity action leaves one entry, written in the action's own transaction, readable by
 * administrators at {@code GET /admin/audit} in GoTrue's shape and by server code through {@code IdentityAdmin}.
 */
class AuditLogIT extends SampleTestBase {
    private static final String AUDIT = ID + "admin/audit";

    private Http.Res asOperator(String path) {
        return browser().send("GET", path, null, "Authorization", OPERATOR);
    }

    /** The entries whose actor's address or action holds {@code query}, newest first. */
    private JsonArray entries(String query) {
        Http.Res r = asOperator(AUDIT + "?per_page=100&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.toString());
        return Json.createReader(new StringReader(r.body())).readArray();
    }

    private static List<String> actions(JsonArray entries) {
        return entries.stream()
                .map(v -> v.asJsonObject().getJsonObject("payload").getString("action"))
                .toList();
    }

    private static JsonObject first(JsonArray entries, String action) {
        return entries.stream()
                .map(v -> v.asJsonObject())
                .filter(e -> e.getJsonObject("payload").getString("action").equals(action))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " in " + entries));
    }

    @Test
    void aUsersSessionLeavesOneEntryPerActionInGoTruesShapeNewestFirst() {
        String email = signUpViaApi();
        Http.Res login = passwordLogin(browser(), email, PASSWORD);
        assertEquals(200, login.status(), login.toString());
        String refresh = login.json().getString("refresh_token");
        String access = login.json().getString("access_token");
        Http.Res refreshed = browser()
                .postRaw(
                        ID + "token",
                        "grant_type=refresh_token&refresh_token=" + refresh,
                        "Content-Type",
                        "application/x-www-form-urlencoded");
        assertEquals(200, refreshed.status(), refreshed.toString());
        assertEquals(
                204,
                browser()
                        .send("POST", ID + "logout", null, "Authorization", "Bearer " + access)
                        .status());

        JsonArray log = entries(email);
        assertEquals(List.of("logout", "token_refreshed", "login", "user_signedup"), actions(log), log.toString());
        JsonObject entry = first(log, "login");
        JsonObject payload = entry.getJsonObject("payload");
        String id = payload.getString("actor_id");
        assertEquals(36, id.length(), entry.toString());
        assertEquals(email, payload.getString("actor_username"));
        assertEquals("account", payload.getString("log_type"));
        assertEquals("email", payload.getJsonObject("traits").getString("provider"));
        assertEquals(
                entry.getString("created_at").substring(0, 19),
                payload.getString("timestamp").substring(0, 19),
                entry.toString());
        assertFalse(entry.getString("ip_address").isEmpty(), "the client's address: " + entry);
        assertEquals(36, entry.getString("id").length());
        assertEquals(
                "everywhere",
                first(log, "logout")
                        .getJsonObject("payload")
                        .getJsonObject("traits")
                        .getString("scope"));
        String whole = log.toString();
        assertFalse(
                whole.contains(PASSWORD) || whole.contains(refresh) || whole.contains(access), "no secret: " + whole);
    }

    @Test
    void failedLoginsAndReuseOfARotatedRefreshTokenAreRecorded() {
        String email = signUpViaApi();
        assertEquals(400, passwordLogin(browser(), email, "wrong password 1").status());
        Http.Res login = passwordLogin(browser(), email, PASSWORD);
        String refresh = login.json().getString("refresh_token");
        String form = "grant_type=refresh_token&refresh_token=" + refresh;
        assertEquals(
                200,
                browser()
                        .postRaw(ID + "token", form, "Content-Type", "application/x-www-form-urlencoded")
                        .status());
        // the IT server's reuse interval is 0 s: the rotated token, presented again, is a copy
        assertEquals(
                400,
                browser()
                        .postRaw(ID + "token", form, "Content-Type", "application/x-www-form-urlencoded")
                        .status());

        JsonArray log = entries(email);
        JsonObject failed = first(log, "login_failed");
        assertEquals(
                "invalid_credentials",
                failed.getJsonObject("payload").getJsonObject("traits").getString("reason"));
        assertEquals(
                "reuse",
                first(log, "token_revoked")
                        .getJsonObject("payload")
                        .getJsonObject("traits")
                        .getString("reason"));
        assertFalse(log.toString().contains("wrong password"), "the guess is not stored: " + log);
    }

    @Test
    void anAdministratorsChangesNameTheAdministratorAsActorAndTheUserAsTarget() {
        String email = signUp(http);
        String id = http.get("api/user").json().getString("id");
        Http admin = browser();
        logIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
        String adminId = admin.get("api/user").json().getString("id");

        // the sample's own @RolesAllowed("admin") resource calling IdentityAdmin: the actor is its logged-in caller
        Http.Res r = admin.send("PUT", "api/admin/users/" + id + "/roles", "{\"roles\":[\"editor\"]}");
        assertEquals(200, r.status(), r.toString());
        // the operator token through the REST API: the actor is "operator"
        Http.Res op = browser()
                .send(
                        "PUT",
                        ID + "admin/users/" + id,
                        "{\"user_metadata\":{\"plan\":\"pro\"}}",
                        "Authorization",
                        OPERATOR);
        assertEquals(200, op.status(), op.toString());

        JsonObject roles = first(entries(ADMIN_EMAIL), "roles_changed");
        JsonObject payload = roles.getJsonObject("payload");
        assertEquals(adminId, payload.getString("actor_id"));
        assertEquals(ADMIN_EMAIL, payload.getString("actor_username"));
        assertEquals("user", payload.getString("log_type"));
        JsonObject traits = payload.getJsonObject("traits");
        assertEquals(id, traits.getString("user_id"), "the target: " + roles);
        assertEquals(email, traits.getString("user_email"));
        assertEquals(List.of("editor"), traits.getJsonArray("to").getValuesAs(jakarta.json.JsonString::getString));

        JsonObject modified = first(entries("operator"), "user_modified");
        assertEquals(
                id, modified.getJsonObject("payload").getJsonObject("traits").getString("user_id"));
        assertEquals("", modified.getJsonObject("payload").getString("actor_id"));
    }

    @Test
    void serverCodeReadsAUsersEntriesThroughTheTypedQueryInKeysetPages() {
        String email = signUpViaApi();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, passwordLogin(browser(), email, PASSWORD).status());
        }
        String id = asOperator(GoTrueAdminIT.API + "?filter=" + email)
                .json()
                .getJsonArray("users")
                .getJsonObject(0)
                .getString("id");

        String all = browser().get("api/it/audit?user=" + id).body();
        assertEquals(
                List.of("login " + email, "login " + email, "login " + email, "user_signedup " + email),
                List.of(all.split("\n")),
                all);
        assertEquals(
                3, browser().get("api/it/audit?action=login&user=" + id).body().split("\n").length);
    }

    @Test
    void anActionThatFailsAfterItsEntryWasWrittenLeavesNoEntry() {
        // the test observers throw from UserDeleted for this address: after the row and its entry are written
        String email = "boom-UserDeleted-" + java.util.UUID.randomUUID() + "@it.example.com";
        Http.Res created =
                browser().send("POST", ID + "admin/users", credentials(email, PASSWORD), "Authorization", OPERATOR);
        assertEquals(200, created.status(), created.toString());
        String id = created.json().getString("id");

        Http.Res delete = browser().send("DELETE", ID + "admin/users/" + id, null, "Authorization", OPERATOR);
        assertEquals(500, delete.status(), delete.toString());

        assertEquals(1, usersWithEmail(email), "the deletion rolled back");
        Http.Res deletions = asOperator(AUDIT + "?per_page=1000&action=user_deleted");
        assertEquals(200, deletions.status(), deletions.toString());
        assertFalse(deletions.body().contains(id), "no entry for a deletion that did not happen: " + deletions.body());
        Http.Res signups = asOperator(AUDIT + "?per_page=1000&action=user_signedup&query=operator");
        assertTrue(signups.body().contains(id), "the creation, which committed, is there: " + signups.body());
    }

    @Test
    void theListPagesLikeTheUsersListAndIsForAdministratorsOnly() {
        String email = signUpViaApi();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, passwordLogin(browser(), email, PASSWORD).status());
        }
        Http.Res page = asOperator(AUDIT + "?per_page=2&page=1&query=" + email);
        assertEquals(200, page.status(), page.toString());
        assertEquals("4", page.header("X-Total-Count").orElseThrow());
        String link = page.header("Link").orElseThrow();
        assertTrue(link.contains("page=2") && link.contains("rel=\"next\"") && link.contains("rel=\"last\""), link);
        assertEquals(
                2, Json.createReader(new StringReader(page.body())).readArray().size());

        Http.Res byAction = asOperator(AUDIT + "?action=user_signedup&query=" + email);
        assertEquals(
                List.of("user_signedup"),
                actions(Json.createReader(new StringReader(byAction.body())).readArray()));

        assertEquals(400, asOperator(AUDIT + "?action=no_such_action").status());
        assertEquals(400, asOperator(AUDIT + "?per_page=1001").status());
        assertEquals(400, asOperator(AUDIT + "?cursor=forged").status());

        Http.Res anonymous = browser().get(AUDIT);
        assertEquals(401, anonymous.status(), anonymous.toString());
        String user = "Bearer " + accessToken(email, PASSWORD);
        Http.Res notAdmin = browser().send("GET", AUDIT, null, "Authorization", user);
        assertEquals(401, notAdmin.status(), notAdmin.toString());
        assertFalse(notAdmin.body().contains("login"), notAdmin.body());
    }

    @Test
    void aFailedLoginWithMarkupForAnAddressIsStoredAsAMarkerNotVerbatim() {
        String typed = "<img src=x onerror=alert(1)>@it.example.com";
        Http.Res r = passwordLogin(browser(), typed, PASSWORD);
        assertEquals(400, r.status(), r.toString());

        JsonArray log = entries("(not an address)");
        assertTrue(
                log.stream()
                        .map(v -> v.asJsonObject().getJsonObject("payload"))
                        .anyMatch(p -> p.getString("action").equals("login_failed")
                                && p.getString("actor_username").equals("(not an address)")),
                log.toString());
        assertEquals(0, entries("onerror").size(), "the markup is stored nowhere");
    }

    /** Lines of one import, each a new administrator. */
    private static String adminLines(String prefix, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("{\"email\":\"")
                    .append(prefix)
                    .append(i)
                    .append("@it.example.com\",")
                    .append("\"app_metadata\":{\"roles\":[\"admin\"]}}\n");
        }
        return b.toString();
    }

    @Test
    void anImportCutOffMidStreamIsAuditedFromItsStartAndWithWhatItStored() throws Exception {
        String prefix = "cut-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "-";
        byte[] lines = adminLines(prefix, 1001).getBytes(StandardCharsets.UTF_8);
        String head = "POST " + base.getPath() + ID + "admin/users/import HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort() + "\r\nAuthorization: " + OPERATOR + "\r\nContent-Type: application/x-ndjson\r\n"
                + "Content-Length: " + (lines.length * 4) + "\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(lines);
            socket.getOutputStream().flush();
            // the first batch of 1,000 lands; then the client is gone
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
            while (usersWithEmail(prefix + "0@it.example.com") == 0) {
                assertTrue(java.time.Instant.now().isBefore(deadline), "the first batch was stored");
                Thread.sleep(50);
            }
        }

        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        List<String> outcomes = List.of();
        while (!outcomes.contains("aborted") && java.time.Instant.now().isBefore(deadline)) {
            Http.Res audit = asOperator(AUDIT + "?per_page=100&action=users_imported");
            outcomes = Json.createReader(new StringReader(audit.body())).readArray().stream()
                    .map(v -> v.asJsonObject().getJsonObject("payload").getJsonObject("traits"))
                    .map(t -> t.getString("outcome", "") + (t.containsKey("imported") ? ":" + t.get("imported") : ""))
                    .toList();
            Thread.sleep(50);
        }
        browser().send("POST", "api/it/users/delete-prefix?prefix=" + prefix, null); // as other tests expect it
        assertTrue(outcomes.contains("started"), "recorded before the first line was read: " + outcomes);
        assertTrue(outcomes.contains("aborted:1000"), "and the cut-off, with the users it stored: " + outcomes);
    }

    @Test
    void theListFiltersByUserAndTimeAndRefusesBadFilters() {
        String email = signUpViaApi();
        String id = userOf(accessToken(email, PASSWORD)).getString("id");
        assertEquals(200, passwordLogin(browser(), email, PASSWORD).status());

        Http.Res mine = asOperator(AUDIT + "?per_page=100&user=" + id);
        assertEquals(200, mine.status(), mine.toString());
        JsonArray entries = Json.createReader(new StringReader(mine.body())).readArray();
        assertTrue(entries.size() >= 3, "the signup and two logins: " + mine.body());
        assertTrue(
                entries.stream().allMatch(e -> e.toString().contains(id)),
                "every entry is about that user: " + mine.body());
        Http.Res logins = asOperator(AUDIT + "?per_page=100&action=login&user=" + id);
        assertEquals(
                2,
                Json.createReader(new StringReader(logins.body())).readArray().size(),
                logins.body());
        Http.Res future = asOperator(AUDIT + "?user=" + id + "&since=2999-01-01T00:00:00Z");
        assertEquals("[]", future.body().trim(), "nothing since the future");
        Http.Res past = asOperator(AUDIT + "?user=" + id + "&until=2001-01-01T00:00:00Z");
        assertEquals("[]", past.body().trim(), "nothing until long ago");

        for (String bad : new String[] {"user=1-1-1-1-1", "user=<script>", "since=yesterday", "until=2026-13-01"}) {
            Http.Res r = asOperator(AUDIT + "?" + bad.replace("<", "%3C").replace(">", "%3E"));
            assertEquals(400, r.status(), bad + ": " + r);
            assertEquals("bad_request", r.json().getString("error_code"), r.toString());
        }
    }
}
