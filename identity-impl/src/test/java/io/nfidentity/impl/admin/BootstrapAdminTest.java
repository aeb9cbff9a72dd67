package io.nfidentity.impl.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.impl.HandClock;
import io.nfidentity.impl.TestConfig;
import io.nfidentity.impl.TestDatabase;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.lifecycle.NewUsers;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.password.PasswordPolicy;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The first administrator: made once, in an empty instance only; with no password configured, with a generated one. */
class BootstrapAdminTest {
    private final HandClock clock = new HandClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final IdentityConfig config = TestConfig.config();
    private UserStore users;
    private PasswordHasher hasher;
    private IdentityAdminBean admin;

    @BeforeEach
    void wire() {
        users = new UserStore(TestDatabase.migrated());
        hasher = new PasswordHasher(config);
        admin = new IdentityAdminBean(
                users,
                new NewUsers(config, clock),
                hasher,
                new PasswordPolicy(8),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void aRenamedOrDeletedAdministratorDoesNotComeBackAtTheNextStart() {
        admin.bootstrapAdmin("root@example.com", "configured password 1", "admin");
        UserRow root = users.findByEmail("root@example.com").orElseThrow();
        users.update(root.withEmail("renamed@example.com", null, clock.instant()));

        admin.bootstrapAdmin("root@example.com", "configured password 1", "admin"); // the next start

        assertFalse(users.findByEmail("root@example.com").isPresent(), "not made again: the instance has users");
        users.delete(root.id());
        users.insert(new NewUsers(config, clock).row("someone@example.com", null, null, true, List.of()));
        admin.bootstrapAdmin("root@example.com", "configured password 1", "admin");
        assertFalse(users.findByEmail("root@example.com").isPresent(), "nor after its deletion");
    }

    @Test
    void withoutAConfiguredPasswordOneIsGeneratedAndPrintedOnceInTheLog() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger(IdentityAdminBean.class.getName());
        log.addHandler(capture);
        try {
            admin.bootstrapAdmin("root@example.com", "", "admin");
        } finally {
            log.removeHandler(capture);
        }

        assertEquals(1, lines.size(), lines.toString());
        Matcher m = Pattern.compile("generated password (\\S+) ").matcher(lines.get(0));
        assertTrue(m.find(), lines.get(0));
        UserRow root = users.findByEmail("root@example.com").orElseThrow();
        assertTrue(hasher.verify(m.group(1), root.encryptedPassword()), "the printed password is the stored one");
        assertTrue(
                m.group(1).length() >= 20,
                "long enough to be safe: " + m.group(1).length());
    }
}
