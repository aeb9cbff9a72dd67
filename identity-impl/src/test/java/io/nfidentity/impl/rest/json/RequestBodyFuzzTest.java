package io.nfidentity.impl.rest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nfidentity.IdentityException;
import io.nfidentity.UserChanges;
import io.nfidentity.ValidationException;
import io.nfidentity.impl.json.Json;
import io.nfidentity.impl.user.EmailAddress;
import io.nfidentity.impl.user.RoleNames;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every request body of the GoTrue API under arbitrary input, the way the server reads it: bytes through the JSON-P
 * provider (Parsson, as in WildFly), then {@link RequestBodies}. Whatever comes in, the outcome is a parse error
 * (400), a clear 4xx, or a body whose metadata the store writes and reads back unchanged and whose addresses and
 * roles the database can hold. Anything else (another exception, a 5xx, a changed value) is a finding.
 *
 * <p>One target for all bodies (the first input byte picks the body) so that CI's 30 s run covers them all;
 * {@code mvn test} replays the seeds in {@code src/test/resources}. A long run: see the README's Security section.
 */
class RequestBodyFuzzTest {
    private static final List<Function<JsonObject, Object>> READERS = List.of(
            RequestBodies.Signup::read,
            RequestBodies.Verify::read,
            RequestBodies.Recover::read,
            RequestBodies.Invite::read,
            RequestBodies.SelfUpdate::read,
            RequestBodies.AdminCreate::read,
            RequestBodies::adminUpdate,
            FactorBodies.Enroll::read,
            FactorBodies.Verify::read,
            RequestBodies.Otp::read,
            PasskeyBodies.Credential::read,
            PasskeyBodies.Rename::read);

    @FuzzTest(maxDuration = "30s")
    void everyRequestBodyIsReadOrRefusedWithAClear4xx(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, READERS.size() + 1);
        byte[] bytes = data.consumeRemainingAsBytes();
        if (kind == READERS.size()) {
            Map<String, String> form = RequestBodies.form(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(form.keySet().stream().noneMatch(String::isEmpty), "a form field without a name: " + form);
            return;
        }
        if (kind == READERS.size() + 1) {
            // /token as Supabase's clients post it: read into the form's names, or 400 invalid_request
            try {
                Map<String, String> grant =
                        RequestBodies.tokenJson(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), null);
                assertTrue(
                        java.util.Set.of("grant_type", "username", "password", "refresh_token")
                                .containsAll(grant.keySet()),
                        "only the grant's fields: " + grant);
            } catch (IllegalArgumentException refused) {
                assertTrue(refused.getMessage() != null, "a refusal says why");
            }
            return;
        }
        JsonObject body;
        try (JsonReader reader = jakarta.json.Json.createReader(new ByteArrayInputStream(bytes))) {
            body = reader.readObject();
        } catch (JsonException | NumberFormatException | ArithmeticException notJson) {
            return; // 400 bad_request, by JsonExceptionMapper (numbers out of range: JsonBodyInterceptor)
        }
        Object read;
        try {
            read = READERS.get(kind).apply(body);
        } catch (IdentityException refused) {
            assertTrue(refused.status() >= 400 && refused.status() < 500, "a reader answered " + refused.status());
            return;
        }
        if (read instanceof RequestBodies.Signup s) {
            storable(body, "data", s.data());
            address(s.email());
        } else if (read instanceof RequestBodies.Invite i) {
            storable(body, "data", i.data());
            address(i.email());
        } else if (read instanceof RequestBodies.SelfUpdate u) {
            storable(body, "data", u.data());
            storable(body, "app_metadata", u.appMetadata());
            address(u.email());
        } else if (read instanceof RequestBodies.AdminCreate c) {
            storable(body, "user_metadata", c.userMetadata());
            address(c.email());
            roles(c.roles());
        } else if (read instanceof UserChanges c) {
            storable(body, "app_metadata", c.appMetadata());
            storable(body, "user_metadata", c.userMetadata());
            address(c.email());
            roles(c.role() == null ? null : List.of(c.role()));
        } else if (read instanceof RequestBodies.Verify v) {
            assertTrue(!v.token().isBlank() && !v.kinds().isEmpty());
        } else if (read instanceof RequestBodies.Otp o) {
            assertTrue(!o.email().isBlank());
            storable(body, "data", o.data());
        } else if (read instanceof PasskeyBodies.Credential c) {
            try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(c.json()))) {
                assertEquals(body.get("credential"), reader.readObject(), "the credential reaches webauthn4j as sent");
            }
        } else if (read instanceof PasskeyBodies.Rename r) {
            assertTrue(!r.friendlyName().isBlank());
        } else if (read instanceof RequestBodies.Recover r) {
            assertTrue(!r.email().isBlank());
        } else if (read instanceof FactorBodies.Enroll e) {
            assertTrue(e.friendlyName() == null || e.friendlyName().length() <= 100, "a name the column holds");
            assertTrue(e.issuer() == null || !e.issuer().contains(":"), "an issuer the otpauth label can carry");
        } else if (read instanceof FactorBodies.Verify v) {
            assertTrue(v.challengeId() != null && !v.code().isBlank());
        } else {
            throw new AssertionError("unexpected body " + read);
        }
    }

    /** The store keeps metadata as JSON text: what it writes must read back as exactly what the client sent. */
    private static void storable(JsonObject body, String field, Map<String, Object> map) {
        if (map == null) {
            return;
        }
        String stored = Json.write(map);
        JsonValue back;
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(stored))) {
            back = reader.readValue();
        }
        assertEquals(body.get(field), back, "metadata changed on its way to the database");
        Json.readMap(stored); // and the store's own reader takes it back
    }

    /** An address that passes validation fits the column and holds nothing PostgreSQL refuses. */
    private static void address(String email) {
        if (email == null) {
            return;
        }
        String valid;
        try {
            valid = EmailAddress.require(email);
        } catch (ValidationException refused) {
            return;
        }
        assertTrue(valid.length() <= 254 && valid.chars().noneMatch(Character::isISOControl), "accepted " + valid);
    }

    private static void roles(List<String> roles) {
        try {
            RoleNames.check(roles);
        } catch (ValidationException refused) {
            return;
        }
        assertTrue(roles == null || roles.stream().allMatch(r -> r.length() <= 255), "accepted " + roles);
    }
}
