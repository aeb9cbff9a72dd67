package io.nfidentity.impl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nfidentity.AuditAction;
import io.nfidentity.AuditEntry;
import io.nfidentity.impl.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final AuditStore.Filter ALL = new AuditStore.Filter(null, null, null, null, null);

    private AuditStore store;

    @BeforeEach
    void newDatabase() {
        store = new AuditStore(TestDatabase.migrated());
    }

    private AuditEntry entry(int minutes, AuditAction action, UUID target, String actorEmail) {
        AuditEntry e = new AuditEntry(
                UUID.randomUUID(),
                T0.plus(Duration.ofMinutes(minutes)),
                target,
                actorEmail,
                action,
                target,
                actorEmail,
                "203.0.113.9",
                Map.of("n", minutes));
        store.insert(e);
        return e;
    }

    private List<Object> minutes(List<AuditEntry> entries) {
        return entries.stream()
                .map(e -> (Object) ((Number) e.traits().get("n")).intValue())
                .toList();
    }

    @Test
    void listsNewestFirstAndFiltersByUserActionTimeAndSearch() {
        UUID ada = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        entry(0, AuditAction.USER_SIGNEDUP, ada, "ada@example.com");
        entry(1, AuditAction.LOGIN, ada, "ada@example.com");
        entry(2, AuditAction.LOGIN, bob, "bob@corp.example");
        entry(3, AuditAction.LOGIN_FAILED, bob, "bob@corp.example");

        assertEquals(List.of(3, 2, 1, 0), minutes(store.list(ALL, null, null, 0, 10)));
        assertEquals(
                List.of(1, 0),
                minutes(store.list(new AuditStore.Filter(ada, null, null, null, null), null, null, 0, 10)));
        assertEquals(
                List.of(2, 1),
                minutes(store.list(
                        new AuditStore.Filter(null, AuditAction.LOGIN, null, null, null), null, null, 0, 10)));
        assertEquals(
                List.of(2, 1),
                minutes(store.list(
                        new AuditStore.Filter(null, null, T0.plusSeconds(60), T0.plusSeconds(180), null),
                        null,
                        null,
                        0,
                        10)),
                "from is inclusive, to exclusive");
        assertEquals(
                List.of(3, 2),
                minutes(store.list(new AuditStore.Filter(null, null, null, null, "CORP"), null, null, 0, 10)),
                "anywhere in the actor's address, any case");
        assertEquals(
                List.of(3),
                minutes(store.list(new AuditStore.Filter(null, null, null, null, "failed"), null, null, 0, 10)),
                "or in the action");
        assertEquals(
                List.of(),
                minutes(store.list(new AuditStore.Filter(null, null, null, null, "%"), null, null, 0, 10)),
                "a wildcard is taken literally");
        assertEquals(2, store.count(new AuditStore.Filter(bob, null, null, null, null)));
    }

    @Test
    void keysetPagesContinueWhereThePreviousEndedEvenOnEqualTimes() {
        for (int i = 0; i < 5; i++) {
            entry(0, AuditAction.LOGIN, null, "same@example.com");
        }
        List<AuditEntry> first = store.list(ALL, null, null, 0, 2);
        AuditEntry last = first.get(1);
        List<AuditEntry> rest = store.list(ALL, last.createdAt(), last.id(), 0, 10);
        assertEquals(3, rest.size());
        assertEquals(
                5,
                java.util.stream.Stream.concat(first.stream(), rest.stream())
                        .map(AuditEntry::id)
                        .distinct()
                        .count(),
                "no entry twice, none skipped");
    }

    @Test
    void purgeDeletesOnlyEntriesOlderThanTheCutInBatches() {
        for (int i = 0; i < 5; i++) {
            entry(i, AuditAction.LOGIN, null, "a@example.com");
        }
        Instant cut = T0.plus(Duration.ofMinutes(3));
        assertEquals(2, store.purge(cut, 2), "one batch at a time");
        assertEquals(1, store.purge(cut, 2));
        assertEquals(0, store.purge(cut, 2));
        assertEquals(List.of(4, 3), minutes(store.list(ALL, null, null, 0, 10)));
    }

    @Test
    void oversizedTraitsAreCutToAMarker() {
        UUID id = UUID.randomUUID();
        store.insert(new AuditEntry(
                id, T0, null, null, AuditAction.USER_MODIFIED, null, null, null, Map.of("x", "y".repeat(5000))));
        assertEquals(
                Map.of("truncated", true),
                store.list(ALL, null, null, 0, 1).get(0).traits());
    }
}
