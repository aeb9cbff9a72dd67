package io.nfidentity.impl.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nfidentity.BadPaginationException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {
    @Test
    void roundTripsCreationTimeToTheMicrosecondAndId() {
        Cursor c = new Cursor(Instant.parse("2026-11-27T09:15:00.123456Z"), UUID.randomUUID());
        assertEquals(c, Cursor.decode(c.encode()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "x",
                "!!!",
                "djF8MTIzfG5vdC1hLXV1aWQ",
                "djJ8MXwwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA"
            })
    void foreignOrDamagedCursorsAreABadPagination(String cursor) {
        BadPaginationException e = assertThrows(BadPaginationException.class, () -> Cursor.decode(cursor));
        assertEquals("bad_pagination", e.errorCode());
    }
}
