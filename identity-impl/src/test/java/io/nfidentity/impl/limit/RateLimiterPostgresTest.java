package io.nfidentity.impl.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nfidentity.impl.TestDatabase;
import io.nfidentity.impl.store.RateLimitStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RateLimiterTest} on PostgreSQL (skipped without one at 127.0.0.1:5432): there the attempts below the delays
 * are counted by one upsert, and the burst test proves that it, too, lets exactly the allowance through.
 */
class RateLimiterPostgresTest extends RateLimiterTest {
    @Override
    DataSource database() {
        return TestDatabase.postgres();
    }

    @Test
    void anAttemptBelowTheDelaysIsCountedByTheUpsertAloneAndTheOneThatReachesThemByTheCompareAndSet() {
        RateLimitStore store = new RateLimitStore(database);
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        List<Integer> asked = new ArrayList<>();
        RateLimitStore.Delay delay = (start, at, attempts) -> {
            asked.add(attempts); // only the read-and-compare-and-set path asks for a delay
            return null;
        };
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), store.reserve("u", now, Duration.ofHours(1), delay, 4));
        }
        assertEquals(List.of(), asked, "attempts 1 to 3 are below 4: the upsert counted them");
        store.reserve("u", now, Duration.ofHours(1), delay, 4);
        assertEquals(List.of(4), asked, "the fourth is counted where its delay is decided");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        TestDatabase.drop(database);
    }
}
