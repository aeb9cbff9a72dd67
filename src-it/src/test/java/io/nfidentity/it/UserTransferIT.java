package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Moving a user base in and out: JSON lines imported with their ids, metadata and password hashes (bad lines refused
 * one by one with the reason, the rest stored), and exported in the same form.
 */
class UserTransferIT extends SampleTestBase {
    private static final String IMPORT = ID + "admin/users/import";
    private static final String EXPORT = ID + "admin/users/export";

    private Http.Res importLines(String body) {
        return browser().postRaw(IMPORT, body, "Content-Type", "application/x-ndjson", "Authorization", OPERATOR);
    }

    private static List<Long> refusedLines(JsonObject report) {
        return report.getJsonArray("refused").stream()
                .map(v -> v.asJsonObject().getJsonNumber("line").longValue())
                .toList();
    }

    @Test
    void aBadLineIsReportedWithItsReasonAndNothingElseOfItsBatchLands() {
        String good = uniqueEmail();
        String lines = String.join(
                "\n",
                "{\"email\":\"" + good + "\",\"password_hash\":\"" + PasswordImportIT.BCRYPT_HASH + "\"}",
                "{not json",
                "{\"password_hash\":\"" + PasswordImportIT.BCRYPT_HASH + "\"}",
                "{\"email\":\"" + uniqueEmail() + "\",\"password_hash\":\"5f4dcc3b5aa765d61d8327deb882cf99\"}",
                "{\"email\":\"" + good.toUpperCase() + "\"}",
                "{\"email\":\"" + ADMIN_EMAIL + "\"}",
                "",
                "{\"email\":\"" + uniqueEmail() + "\",\"user_metadata\":{\"bio\":\"" + "x".repeat(20_000) + "\"}}");

        Http.Res r = importLines(lines);

        assertEquals(200, r.status(), r.toString());
        JsonObject report = r.json();
        assertEquals(0, report.getJsonNumber("imported").longValue(), "one batch, not stored: " + report);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 8L), refusedLines(report), report.toString());
        String reasons = report.getJsonArray("refused").toString();
        assertTrue(
                reasons.contains("not a JSON object")
                        && reasons.contains("Email is required")
                        && reasons.contains("bcrypt")
                        && reasons.contains("earlier line")
                        && reasons.contains("longer"),
                reasons);
        JsonObject first = report.getJsonArray("refused").getJsonObject(0);
        assertTrue(first.getString("reason").startsWith("not stored: its batch"), first.toString());
        assertEquals(0, usersWithEmail(good), "the good line of the batch did not land");
        assertEquals(
                200, passwordLogin(browser(), ADMIN_EMAIL, ADMIN_PASSWORD).status(), "the stored user is untouched");
    }

    @Test
    void importedLinesKeepTheirIdsTimesMetadataAndPasswordsWhichAreRehashedAtTheFirstLogin() {
        UUID id = UUID.randomUUID();
        String ada = uniqueEmail();
        String unconfirmed = uniqueEmail();
        String fromGoTrue = uniqueEmail();
        String lines = String.join(
                "\n",
                "{\"id\":\"" + id + "\",\"email\":\"" + ada + "\",\"password_hash\":\"" + PasswordImportIT.BCRYPT_HASH
                        + "\",\"confirmed_at\":\"2020-01-02T03:04:05Z\",\"created_at\":\"2020-01-02T03:04:05Z\","
                        + "\"app_metadata\":{\"roles\":[\"editor\"]},\"user_metadata\":{\"full_name\":\"Ada L\"}}",
                "{\"email\":\"" + unconfirmed + "\"}",
                "{\"email\":\"" + fromGoTrue + "\",\"encrypted_password\":\"" + PasswordImportIT.DJANGO_HASH
                        + "\",\"confirmed_at\":\"2021-06-01T10:00:00+02:00\",\"aud\":\"\",\"role\":\"\"}");

        JsonObject report = importLines(lines).json();

        assertEquals(3, report.getJsonNumber("imported").longValue(), report.toString());
        assertEquals(0, report.getJsonNumber("refused_total").longValue(), report.toString());
        Http.Res stored = browser().send("GET", ID + "admin/users/" + id, null, "Authorization", OPERATOR);
        assertEquals(200, stored.status(), "the id was kept: " + stored);
        assertTrue(stored.json().getString("created_at").startsWith("2020-01-02T03:04:05"), stored.toString());
        assertEquals(PasswordImportIT.BCRYPT_HASH, passwordHash(ada), "kept as it came until the first login");
        Http.Res login = passwordLogin(browser(), ada, PASSWORD);
        assertEquals(200, login.status(), "the old password works: " + login);
        assertTrue(passwordHash(ada).startsWith("$argon2id$"), "and is rehashed: " + passwordHash(ada));
        assertTrue(Jwts.decodePayload(login.json().getString("access_token")).contains("\"editor\""));
        assertEquals(200, passwordLogin(browser(), fromGoTrue, PASSWORD).status(), "GoTrue's encrypted_password");
        assertEquals(400, passwordLogin(browser(), unconfirmed, PASSWORD).status(), "no password, not confirmed");
        assertFalse(browser().get("api/it/events?email=" + ada).body().contains("UserValidate"), "no events fire");
    }

    @Test
    void anExportIsOneJsonLinePerUserWithoutHashesAndImportsAsItIs() {
        String email = uniqueEmail();
        assertEquals(
                200,
                importLines("{\"email\":\"" + email + "\",\"password_hash\":\"" + PasswordImportIT.BCRYPT_HASH
                                + "\",\"user_metadata\":{\"full_name\":\"Exported\"}}")
                        .status());

        Http.Res export = browser().send("GET", EXPORT, null, "Authorization", OPERATOR);
        assertEquals(200, export.status(), export.toString());
        assertTrue(export.header("Content-Type").orElse("").startsWith("application/x-ndjson"), export.toString());
        String line =
                export.body().lines().filter(l -> l.contains(email)).findFirst().orElseThrow();
        JsonObject user = Json.createReader(new StringReader(line)).readObject();
        assertEquals("Exported", user.getJsonObject("user_metadata").getString("full_name"));
        assertFalse(line.contains("password_hash") || line.contains("$2b$"), "no hash unless allowed: " + line);
        long lines = export.body().lines().count();
        assertTrue(lines >= 2, "every user, the administrator too: " + lines);

        JsonObject again = importLines(line).json();
        assertEquals(0, again.getJsonNumber("imported").longValue());
        JsonArray refused = again.getJsonArray("refused");
        assertTrue(refused.toString().contains("exists"), "read as a user, refused as a duplicate: " + again);

        Http.Res hashes = browser().send("GET", EXPORT + "?password_hashes=true", null, "Authorization", OPERATOR);
        assertEquals(403, hashes.status(), hashes.toString());
        assertEquals("export_hashes_disabled", hashes.json().getString("error_code"));
    }

    @Test
    void whenAndHowAUserLastSignedInTravelWithTheUserAndSoDoesASuspension() {
        String email = signUpViaApi();
        assertEquals(200, passwordLogin(browser(), email, PASSWORD).status());
        JsonObject exported = exportedLine(email);
        assertEquals("password", exported.getString("last_sign_in_method"), exported.toString());
        assertTrue(exported.containsKey("last_sign_in_at"), exported.toString());

        String moved = uniqueEmail();
        assertEquals(
                1,
                importLines("{\"email\":\"" + moved + "\",\"last_sign_in_at\":\"2026-03-01T10:00:00Z\","
                                + "\"last_sign_in_method\":\"github\",\"banned_until\":\"2999-01-01T00:00:00Z\"}")
                        .json()
                        .getJsonNumber("imported")
                        .longValue());
        JsonObject imported = exportedLine(moved);
        assertEquals("github", imported.getString("last_sign_in_method"), imported.toString());
        assertEquals("2026-03-01T10:00:00Z", imported.getString("last_sign_in_at"), imported.toString());
        assertEquals("2999-01-01T00:00:00Z", imported.getString("banned_until"), "still suspended: " + imported);
    }

    private JsonObject exportedLine(String email) {
        Http.Res export = browser().send("GET", EXPORT, null, "Authorization", OPERATOR);
        assertEquals(200, export.status(), export.toString());
        String line =
                export.body().lines().filter(l -> l.contains(email)).findFirst().orElseThrow();
        return Json.createReader(new StringReader(line)).readObject();
    }

    @Test
    void onlyAdministratorsImportOrExportAndEachImportIsAudited() {
        String user = "Bearer " + accessToken(signUpViaApi(), PASSWORD);
        assertEquals(
                401,
                browser()
                        .postRaw(
                                IMPORT,
                                "{\"email\":\"" + uniqueEmail() + "\"}",
                                "Content-Type",
                                "application/x-ndjson",
                                "Authorization",
                                user)
                        .status());
        assertEquals(
                401, browser().send("GET", EXPORT, null, "Authorization", user).status());
        assertEquals(401, browser().get(EXPORT).status());

        assertEquals(200, importLines("{\"email\":\"" + uniqueEmail() + "\"}").status());
        Http.Res audit =
                browser().send("GET", ID + "admin/audit?action=users_imported", null, "Authorization", OPERATOR);
        assertTrue(audit.body().contains("\"imported\""), audit.body());
    }
}
