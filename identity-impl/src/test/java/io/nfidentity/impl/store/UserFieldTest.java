package io.nfidentity.impl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nfidentity.impl.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The user described once: every {@link UserField} is stored and read back by the SQL it drives. */
class UserFieldTest {
    private final UserStore users = new UserStore(TestDatabase.migrated());

    /** A value of the field's type, different for each field. */
    private static Object sample(UserField f) {
        return switch (f.type()) {
            case UUID -> UUID.randomUUID();
            case TEXT -> f == UserField.EMAIL ? "every-field@example.com" : "text of " + f.column();
            case TIME -> Instant.parse("2026-01-01T00:00:00Z").plus(f.ordinal(), ChronoUnit.MINUTES);
            case JSON -> new LinkedHashMap<>(Map.of("of", f.column(), "roles", List.of("a")));
        };
    }

    @Test
    void everyFieldIsWrittenAndReadBackByTheStore() {
        UserRow.Builder b = UserRow.builder();
        for (UserField f : UserField.values()) {
            b.set(f, sample(f));
        }
        UserRow row = b.build();
        users.insert(row);
        UserRow read = users.findById(row.id()).orElseThrow();
        for (UserField f : UserField.values()) {
            assertEquals(row.get(f), read.get(f), f.column());
        }
        assertEquals(row, read);
    }

    @Test
    void anUpdateWritesTheNewFieldToo() {
        UserRow row = UserRow.builder()
                .set(UserField.ID, UUID.randomUUID())
                .set(UserField.AUD, "")
                .set(UserField.EMAIL, "method@example.com")
                .set(UserField.CREATED_AT, Instant.parse("2026-01-01T00:00:00Z"))
                .build(Instant.parse("2026-01-01T00:00:00Z"));
        users.insert(row);
        users.update(row.withLastSignIn(Instant.parse("2026-02-01T00:00:00Z"), "github"));
        UserRow read = users.findById(row.id()).orElseThrow();
        assertEquals("github", read.get(UserField.LAST_SIGN_IN_METHOD));
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), read.lastSignInAt());
    }

    @Test
    void aValueOfAnotherTypeIsRefusedWhenSet() {
        assertThrows(IllegalArgumentException.class, () -> UserRow.builder().set(UserField.CONFIRMED_AT, "yesterday"));
    }

    @Test
    void aRowNeverPrintsItsPasswordHash() {
        UserRow row = UserRow.builder()
                .set(UserField.ID, UUID.randomUUID())
                .set(UserField.ENCRYPTED_PASSWORD, "$argon2id$secret-hash")
                .build();
        assertEquals(false, row.toString().contains("secret-hash"));
    }
}
