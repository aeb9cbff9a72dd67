package io.nfidentity.impl.admin;

import io.nfidentity.BadPaginationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

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
