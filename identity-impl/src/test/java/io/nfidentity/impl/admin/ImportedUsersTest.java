package io.nfidentity.impl.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.IdentityException;
import io.nfidentity.impl.TestConfig;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.store.UserRow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A line of an import read as a user row: GoTrue's export shape, nf-identity's, and lines it must refuse. */
class ImportedUsersTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final String BCRYPT = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

    private final PasswordHasher hasher = new PasswordHasher(TestConfig.config());

    private static JsonObject line(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private UserRow row(String json) {
        return ImportedUsers.row(line(json), NOW, "site", hasher);
    }

    @Test
    void goTruesExportLineKeepsItsIdHashTimesAndMetadata() {
        UserRow r = row("{\"id\":\"5b0c4c56-43a6-4f8e-a8b2-7a1f0e2d9c11\",\"email\":\"Ada@Example.com\","
                + "\"encrypted_password\":\"" + BCRYPT
                + "\",\"role\":\"\",\"created_at\":\"2024-01-02T03:04:05.123456789+02:00\","
                + "\"app_metadata\":{\"roles\":[\"editor\"]},\"user_metadata\":{\"full_name\":\"Ada\"}}");
        assertEquals("5b0c4c56-43a6-4f8e-a8b2-7a1f0e2d9c11", r.id().toString());
        assertEquals(BCRYPT, r.encryptedPassword(), "GoTrue's column is the hash");
        assertNull(r.role(), "GoTrue writes \"\" for no role");
        assertEquals("site", r.aud());
        assertEquals(Instant.parse("2024-01-02T01:04:05.123456Z"), r.createdAt(), "any offset, to microseconds");
        assertEquals("email", r.appMetadata().get("provider"), "a provider when the line names none");
        assertEquals(java.util.List.of("editor"), r.appMetadata().get("roles"));
        assertEquals("Ada", r.userMetadata().get("full_name"));
    }

    @Test
    void aLineWithoutIdOrPasswordGetsANewIdNoPasswordAndNowAsItsCreation() {
        UserRow r = row("{\"email\":\"bo@example.com\"}");
        assertTrue(r.id() != null);
        assertNull(r.encryptedPassword());
        assertEquals(NOW, r.createdAt());
    }

    @Test
    void linesWithABadAddressIdTimeRoleOrHashAreRefused() {
        assertThrows(IdentityException.class, () -> row("{\"email\":\"not an address\"}"));
        assertThrows(IllegalArgumentException.class, () -> row("{\"email\":\"a@example.com\",\"id\":\"42\"}"));
        var time = assertThrows(
                IllegalArgumentException.class,
                () -> row("{\"email\":\"a@example.com\",\"created_at\":\"yesterday\"}"));
        assertEquals("created_at is not an RFC 3339 time", time.getMessage());
        assertThrows(
                IdentityException.class,
                () -> row("{\"email\":\"a@example.com\",\"app_metadata\":{\"roles\":[\"a\\u0007b\"]}}"));
        assertThrows(IdentityException.class, () -> row("{\"email\":\"a@example.com\",\"password_hash\":\"md5:abc\"}"));
    }
}
