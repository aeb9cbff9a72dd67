package io.nfidentity.impl.rest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nfidentity.IdentityException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A NUL character is refused in every string field of a body: PostgreSQL stores none in a text column, so it would
 * otherwise fail there as a 500 after every other check (ContractIT's fuzz run found it), while H2 kept it. Metadata
 * keeps it: stored as JSON text, it is escaped there.
 */
class JsonBodiesTest {
    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static void refused(String body, java.util.function.Consumer<JsonObject> read) {
        IdentityException e = assertThrows(IdentityException.class, () -> read.accept(json(body)));
        assertEquals(422, e.status(), body);
        assertEquals("validation_failed", e.errorCode(), body);
    }

    @Test
    void aNulInAStringFieldIsRefused() {
        refused("{\"email\":\"a\\u0000@example.com\",\"password\":\"x\"}", RequestBodies.Signup::read);
        refused("{\"email\":\"a@example.com\",\"password\":\"x\\u0000\"}", RequestBodies.Signup::read);
    }

    @Test
    void metadataKeepsANulForItIsStoredAsJsonText() {
        RequestBodies.Signup s =
                RequestBodies.Signup.read(json("{\"email\":\"a@example.com\",\"data\":{\"k\\u0000\":[\"\\u0000\"]}}"));
        assertEquals(Map.of("k\u0000", List.of("\u0000")), s.data());
    }

    @Test
    void textWithoutNulIsReadAsItCame() {
        RequestBodies.Signup s =
                RequestBodies.Signup.read(json("{\"email\":\"a@example.com\",\"data\":{\"n\":[\"\\u0007é\"]}}"));
        assertEquals("a@example.com", s.email());
        assertEquals(Map.of("n", List.of("\u0007é")), s.data());
    }
}
