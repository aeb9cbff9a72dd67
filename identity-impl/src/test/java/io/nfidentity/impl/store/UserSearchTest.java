package io.nfidentity.impl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nfidentity.impl.HandClock;
import io.nfidentity.impl.TestConfig;
import io.nfidentity.impl.TestDatabase;
import io.nfidentity.impl.lifecycle.NewUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Search anywhere in the email or the full name, exactly: the index narrows, the whole term decides. */
class UserSearchTest {
    private UserStore users;

    @BeforeEach
    void users() {
        users = new UserStore(TestDatabase.migrated());
        HandClock clock = new HandClock(Instant.parse("2026-12-01T10:00:00Z"));
        NewUsers newUsers = new NewUsers(TestConfig.config(), clock);
        for (String[] u : new String[][] {
            {"ada.lovelace@acme.example", "Ada Lovelace"},
            {"ada.lovelace@other.example", "Ada King"},
            {"grace_hopper@acme.example", "Grace Hopper"},
            {"alan@acme.example", "Alan 100% Turing"}
        }) {
            clock.advance(Duration.ofSeconds(1));
            users.insert(newUsers.row(u[0], "hash", Map.of("full_name", u[1]), true, List.of()));
        }
    }

    private List<String> find(String term) {
        return users.list(term, true, null, null, 0, 10).stream()
                .map(UserRow::email)
                .toList();
    }

    @Test
    void aTermWithLocalPartAndDomainMatchesOnlyThatWholeTerm() {
        assertEquals(List.of("ada.lovelace@acme.example"), find("lovelace@ACME"));
        assertEquals(List.of("ada.lovelace@other.example"), find("lace@oth"));
        assertEquals(List.of(), find("lovelace@acme.examplex"));
    }

    @Test
    void partsOfEmailsAndNamesMatchAnywhereWithoutRegardToCase() {
        assertEquals(
                List.of("ada.lovelace@acme.example", "grace_hopper@acme.example", "alan@acme.example"), find("@acme"));
        assertEquals(List.of("ada.lovelace@other.example"), find("king"));
        assertEquals(List.of("ada.lovelace@acme.example", "ada.lovelace@other.example"), find("LOVE"));
    }

    @Test
    void wildcardsInTheTermAreTakenLiterally() {
        assertEquals(List.of("grace_hopper@acme.example"), find("e_h"));
        assertEquals(List.of("alan@acme.example"), find("100%"));
        assertEquals(List.of(), find("a%l"));
    }

    @Test
    void aSearchWhoseCommonPartsTheIndexLeavesOutStillMatchesExactlyAndNewestFirst() {
        users.commonTrigrams(java.util.Set.of("ada", "da.", "a.l", "@ac", "acm", "cme", "lov", "ove", "vel", "ela"));
        assertEquals(List.of("ada.lovelace@acme.example"), find("ada.lovelace@acme"));
        assertEquals(List.of("ada.lovelace@acme.example", "ada.lovelace@other.example"), find("lovelace"));
        assertEquals(List.of(), find("lovelace@acme.examplex"));
        assertEquals(
                List.of("ada.lovelace@other.example", "ada.lovelace@acme.example"),
                users.list("lovelace", false, null, null, 0, 10).stream()
                        .map(UserRow::email)
                        .toList(),
                "newest first");
        assertEquals(List.of("ada.lovelace@other.example"), find("ada king"));
        assertEquals(2, users.count("lovelace"));
    }
}
