package io.nfidentity.impl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.AuditAction;
import io.nfidentity.AuditEntry;
import io.nfidentity.impl.error.StoreException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static AuditEntry entry(AuditAction action, Map<String, Object> traits) {
        UUID id = UUID.randomUUID();
        return new AuditEntry(
                UUID.randomUUID(),
                Instant.now(),
                id,
                "ada@example.com",
                action,
                id,
                "ada@example.com",
                "203.0.113.9",
                traits);
    }

    private static String text(Metrics m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void loginsAreCountedByOutcomeFromTheAuditEntries() throws Exception {
        Metrics m = new Metrics();
        m.audited(entry(AuditAction.LOGIN, Map.of("provider", "email")));
        m.audited(entry(AuditAction.LOGIN, Map.of("provider", "github")));
        m.audited(entry(AuditAction.LOGIN_FAILED, Map.of("reason", "invalid_credentials")));
        m.audited(entry(AuditAction.LOGIN_FAILED, Map.of("reason", "invalid_credentials")));
        m.audited(entry(AuditAction.LOGIN_FAILED, Map.of("reason", "<script>")));
        m.audited(entry(AuditAction.LOGOUT, Map.of("scope", "everywhere")));

        String t = text(m);

        assertTrue(t.contains("nfidentity_logins_total{outcome=\"success\"} 1.0"), t);
        assertTrue(t.contains("nfidentity_logins_total{outcome=\"provider\"} 1.0"), t);
        assertTrue(t.contains("nfidentity_logins_total{outcome=\"invalid_credentials\"} 2.0"), t);
        assertTrue(t.contains("nfidentity_logins_total{outcome=\"other\"} 1.0"), "an unknown reason is no label");
        assertTrue(t.contains("nfidentity_logouts_total{scope=\"everywhere\"} 1.0"), t);
        assertFalse(t.contains("ada@example.com") || t.contains("<script>"), "no address, no attacker's text");
    }

    private static double sample(String text, String series) {
        return text.lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(series + " missing from\n" + text));
    }

    @Test
    void databaseFailuresAreCountedByKindWhereverTheyAreRaised() throws Exception {
        Metrics m = new Metrics();
        String unavailable = "nfidentity_database_errors_total{kind=\"unavailable\"}";
        String failed = "nfidentity_database_errors_total{kind=\"failed\"}";
        String before = text(m);

        StoreException.of(new SQLException("connection refused", "08001"));
        StoreException.of(new SQLException("syntax error", "42601"));
        StoreException.of(new SQLException("syntax error", "42601"));

        String after = text(m);
        assertEquals(1.0, sample(after, unavailable) - sample(before, unavailable), after);
        assertEquals(2.0, sample(after, failed) - sample(before, failed), after);
        assertFalse(after.contains("syntax error") || after.contains("connection refused"), "no database message");
    }

    @Test
    void aRefusalIsLabelledByItsLimitsKindNeverByWhatItCounted() throws Exception {
        Metrics m = new Metrics();
        m.refused("login:account:ada@example.com");
        m.refused("signup:address:203.0.113.9");
        m.refused("not a key");

        String t = text(m);

        assertTrue(t.contains("nfidentity_rate_limit_refusals_total{limit=\"login:account\"} 1.0"), t);
        assertTrue(t.contains("nfidentity_rate_limit_refusals_total{limit=\"signup:address\"} 1.0"), t);
        assertTrue(t.contains("nfidentity_rate_limit_refusals_total{limit=\"other\"} 1.0"), t);
        assertTrue(t.contains("nfidentity_logins_total{outcome=\"limited\"} 1.0"), "a login refused by its limit");
        assertFalse(t.contains("ada@example.com") || t.contains("203.0.113.9"), t);
    }

    @Test
    void hashingIsTimedAndBusyRefusalsCounted() throws Exception {
        Metrics m = new Metrics();
        m.hashWaited(Duration.ofMillis(3));
        m.hashTook(Duration.ofMillis(40));
        m.hashBusy();

        String t = text(m);

        assertTrue(t.contains("nfidentity_password_hash_wait_seconds_count 1"), t);
        assertTrue(t.contains("nfidentity_password_hash_seconds_bucket{le=\"0.05\"} 1"), t);
        assertTrue(t.contains("nfidentity_password_hash_busy_total 1.0"), t);
    }
}
