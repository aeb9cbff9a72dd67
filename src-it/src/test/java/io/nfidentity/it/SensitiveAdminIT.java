package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * One stolen administrator token is not enough to walk away with every password hash or to change the signing keys:
 * export, import and key changes need a login within the last 15 minutes (with the re-authentication window off, as
 * here). The attack: an administrator's token from a session that started 16 minutes ago.
 */
class SensitiveAdminIT extends SampleTestBase {
    private Http.Res as(String bearer, String method, String path, String body, String contentType) {
        return body == null
                ? browser().send(method, ID + path, null, "Authorization", bearer)
                : browser().postRaw(ID + path, body, "Content-Type", contentType, "Authorization", bearer);
    }

    @Test
    void anAdministratorsTokenFromAnOldLoginCannotExportImportOrChangeKeys() {
        String email = newAdmin();
        String bearer = "Bearer " + accessToken(email, PASSWORD);
        assertEquals(200, as(bearer, "GET", "admin/users/export", null, null).status(), "a fresh login may export");

        assertEquals(
                1,
                Long.parseLong(browser()
                        .send("POST", "api/it/sessions/age?email=" + email + "&minutes=16", null)
                        .body()
                        .trim()));

        Http.Res export = as(bearer, "GET", "admin/users/export", null, null);
        assertEquals(401, export.status(), "no export from a 16-minute-old login: " + export);
        assertEquals("reauthentication_needed", export.json().getString("error_code"), export.toString());
        String imported = uniqueEmail();
        Http.Res importing = as(
                bearer,
                "POST",
                "admin/users/import",
                "{\"email\":\"" + imported + "\",\"app_metadata\":{\"roles\":[\"admin\"]}}",
                "application/x-ndjson");
        assertEquals(401, importing.status(), "no import: " + importing);
        assertEquals(0, usersWithEmail(imported), "nothing was imported");
        assertEquals(401, as(bearer, "POST", "admin/keys", null, null).status(), "no new signing key");
        assertEquals(
                401,
                as(bearer, "POST", "admin/keys/nf-ident/promote", null, null).status(),
                "no promotion");
        assertEquals(
                401,
                as(bearer, "POST", "admin/keys/nf-ident/retire", null, null).status(),
                "no retirement");
        assertEquals(
                200, as(bearer, "GET", "admin/users?per_page=1", null, null).status(), "the rest of the API works");

        String fresh = "Bearer " + accessToken(email, PASSWORD);
        assertEquals(200, as(fresh, "GET", "admin/users/export", null, null).status(), "logging in again is enough");
        assertEquals(
                200,
                as(OPERATOR, "GET", "admin/users/export", null, null).status(),
                "the operator token is no session");
    }
}
