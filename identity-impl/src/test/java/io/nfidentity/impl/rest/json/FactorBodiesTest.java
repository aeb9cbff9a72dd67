package io.nfidentity.impl.rest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nfidentity.ValidationException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FactorBodiesTest {
    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void anEnrolmentIsReadWithBlankNamesAsNone() {
        FactorBodies.Enroll e = FactorBodies.Enroll.read(json("{\"factor_type\":\"totp\",\"friendly_name\":\"  \"}"));
        assertEquals("totp", e.factorType());
        assertNull(e.friendlyName());
        assertNull(e.issuer());
    }

    @Test
    void namesTooLongOrWithControlCharactersAndIssuersWithAColonAreRefused() {
        assertThrows(
                ValidationException.class,
                () -> FactorBodies.Enroll.read(json("{\"friendly_name\":\"" + "x".repeat(101) + "\"}")));
        assertThrows(
                ValidationException.class, () -> FactorBodies.Enroll.read(json("{\"friendly_name\":\"a\\u0007b\"}")));
        // NUL is refused for every string of every body, before the field's own rules (JsonBodies)
        assertEquals(
                "validation_failed",
                assertThrows(
                                io.nfidentity.IdentityException.class,
                                () -> FactorBodies.Enroll.read(json("{\"friendly_name\":\"a\\u0000b\"}")))
                        .errorCode());
        assertThrows(ValidationException.class, () -> FactorBodies.Enroll.read(json("{\"issuer\":\"evil:site\"}")));
    }

    @Test
    void aVerificationNeedsAChallengeIdThatIsAUuidAndACode() {
        UUID id = UUID.randomUUID();
        FactorBodies.Verify v =
                FactorBodies.Verify.read(json("{\"challenge_id\":\"" + id + "\",\"code\":\" 123456 \"}"));
        assertEquals(id, v.challengeId());
        assertEquals("123456", v.code());
        assertThrows(ValidationException.class, () -> FactorBodies.Verify.read(json("{\"code\":\"123456\"}")));
        assertThrows(
                ValidationException.class, () -> FactorBodies.Verify.read(json("{\"challenge_id\":\"" + id + "\"}")));
        for (String bad : new String[] {"1-1-1-1-1", "not-a-uuid", ""}) {
            io.nfidentity.IdentityException e = assertThrows(
                    io.nfidentity.IdentityException.class,
                    () -> FactorBodies.Verify.read(json("{\"challenge_id\":\"" + bad + "x\",\"code\":\"123456\"}")));
            assertEquals(400, e.status(), bad);
        }
    }
}
