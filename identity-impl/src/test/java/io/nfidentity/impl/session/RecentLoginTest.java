package io.nfidentity.impl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentLoginTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void theWindowIsFiveMinutesUnlessTheReauthenticationWindowIsShorter() {
        assertEquals(Duration.ofMinutes(5), RecentLogin.window(Duration.ZERO), "off: five minutes");
        assertEquals(Duration.ofMinutes(5), RecentLogin.window(Duration.ofHours(1)), "longer: still five");
        assertEquals(Duration.ofMinutes(2), RecentLogin.window(Duration.ofMinutes(2)), "shorter: the shorter");
    }

    @Test
    void onlyALoginWithinTheWindowIsRecent() {
        Duration five = Duration.ofMinutes(5);
        assertTrue(RecentLogin.isRecent(NOW.minusSeconds(10), five, NOW));
        assertTrue(RecentLogin.isRecent(NOW.minus(five), five, NOW), "the window's last instant counts");
        assertFalse(RecentLogin.isRecent(NOW.minus(five).minusSeconds(1), five, NOW));
        assertFalse(RecentLogin.isRecent(null, five, NOW), "a token naming no session has no login to show");
    }
}
