package io.nfidentity.impl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.impl.TestDatabase;
import io.nfidentity.impl.store.NotificationStore.NotificationRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final Instant LEASE = T0.plusSeconds(40);

    private NotificationStore store;

    @BeforeEach
    void newDatabase() {
        store = new NotificationStore(TestDatabase.migrated());
    }

    private UUID pending(Instant at) {
        UUID id = UUID.randomUUID();
        store.insert(List.of(new NotificationRow(
                id,
                UUID.randomUUID(),
                "login",
                "http://127.0.0.1:9/",
                UUID.randomUUID(),
                "{}",
                NotificationStore.PENDING,
                0,
                at,
                at,
                null,
                null,
                null)));
        return id;
    }

    @Test
    void aClaimedRowIsNotDueAgainUntilItsLeaseEnds() {
        UUID id = pending(T0);

        List<NotificationRow> first = store.claim(T0, LEASE, 20);

        assertEquals(List.of(id), first.stream().map(NotificationRow::id).toList());
        assertEquals(1, first.get(0).attempts(), "the attempt is counted at the claim");
        assertTrue(store.claim(T0.plusSeconds(39), LEASE, 20).isEmpty(), "leased: nobody else claims it");
        assertEquals(2, store.claim(LEASE, LEASE.plusSeconds(40), 20).get(0).attempts(), "lease over: due again");
    }

    @Test
    void onlyDueRowsAreClaimedOldestFirstAndAtMostTheBatch() {
        UUID later = pending(T0.plusSeconds(5));
        UUID earlier = pending(T0);
        pending(T0.plusSeconds(3600));

        List<NotificationRow> claimed = store.claim(T0.plusSeconds(10), LEASE, 1);

        assertEquals(List.of(earlier), claimed.stream().map(NotificationRow::id).toList());
        assertEquals(
                List.of(later),
                store.claim(T0.plusSeconds(10), LEASE, 20).stream()
                        .map(NotificationRow::id)
                        .toList());
    }

    @Test
    void anOutcomeFromAnAttemptThatWasClaimedAgainChangesNothing() {
        UUID id = pending(T0);
        store.claim(T0, LEASE, 20); // attempt 1, whose node then stalls past its lease
        store.claim(LEASE, LEASE.plusSeconds(40), 20); // attempt 2, by another node

        assertFalse(store.delivered(id, 1, LEASE.plusSeconds(1), 200), "the stale attempt's outcome is dropped");
        assertTrue(store.delivered(id, 2, LEASE.plusSeconds(2), 204));
        NotificationRow row = store.find(id).orElseThrow();
        assertEquals(NotificationStore.DELIVERED, row.state());
        assertEquals(204, row.lastStatus());
    }

    @Test
    void aFailedTryIsDueAfterItsBackOffAndTheLastIsGivenUpUntilRetried() {
        UUID id = pending(T0);
        store.claim(T0, LEASE, 20);
        assertTrue(store.failed(id, 1, T0.plusSeconds(30), false, 500, "HTTP 500"));
        assertTrue(store.claim(T0.plusSeconds(29), LEASE, 20).isEmpty(), "backing off");
        store.claim(T0.plusSeconds(30), T0.plusSeconds(70), 20);
        assertTrue(store.failed(id, 2, T0.plusSeconds(90), true, null, "connection refused"));
        assertTrue(store.claim(T0.plusSeconds(3600), T0.plusSeconds(3640), 20).isEmpty(), "given up");
        assertEquals(
                List.of(id),
                store.list(NotificationStore.FAILED, 10).stream()
                        .map(NotificationRow::id)
                        .toList());
        assertFalse(store.retry(UUID.randomUUID(), T0), "an unknown id is not retried");

        assertTrue(store.retry(id, T0.plusSeconds(4000)));

        NotificationRow again =
                store.claim(T0.plusSeconds(4000), T0.plusSeconds(4040), 20).get(0);
        assertEquals(1, again.attempts(), "attempts counted afresh");
        assertFalse(store.retry(id, T0.plusSeconds(4000)), "a pending row is not retried");
    }

    @Test
    void thePurgeDropsOldDeliveredAndFailedRowsButNeverAPendingOne() {
        UUID delivered = pending(T0);
        UUID failed = pending(T0);
        UUID stillPending = pending(T0);
        store.claim(T0, LEASE, 20);
        store.delivered(delivered, 1, T0, 200);
        store.failed(failed, 1, T0, true, 500, "HTTP 500");

        assertEquals(2, store.purge(T0.plus(Duration.ofDays(8))));

        assertTrue(store.find(stillPending).isPresent());
        assertFalse(store.find(delivered).isPresent());
    }
}
