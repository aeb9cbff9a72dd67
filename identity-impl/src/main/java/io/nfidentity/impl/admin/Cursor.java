package io.nfidentity.impl.admin;

import io.nfidentity.BadPaginationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The keyset position of a listing: the creation time and id of the last user of a page, opaque to clients
 * (base64url). Microseconds, because that is what both H2 and PostgreSQL store.
 */
record Cursor(Instant createdAt, UUID id) {
    private static final String VERSION = "v1";

    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        String raw = VERSION + "|" + micros + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The position after the last row of a non-empty page. */
    static <T> String after(List<T> page, Function<T, Instant> createdAt, Function<T, UUID> id) {
        T last = page.get(page.size() - 1);
        return new Cursor(createdAt.apply(last), id.apply(last)).encode();
    }

    /**
     * Checks a listing's paging and decodes its cursor.
     *
     * @return the cursor's position, or {@code null} when there is none (a listing by page number)
     * @throws BadPaginationException (400) for a page below 1, a size out of 1 to {@code max}, or a foreign cursor
     */
    static Cursor checked(int page, int perPage, int max, String cursor) {
        if (page < 1 || perPage < 1 || perPage > max) {
            throw new BadPaginationException("page must be 1 or more and per_page 1 to " + max);
        }
        return cursor == null || cursor.isBlank() ? null : decode(cursor);
    }

    /** @throws BadPaginationException (400) for anything this class did not encode */
    static Cursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|");
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("not a cursor");
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return new Cursor(at, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new BadPaginationException("Invalid cursor");
        }
    }
}
