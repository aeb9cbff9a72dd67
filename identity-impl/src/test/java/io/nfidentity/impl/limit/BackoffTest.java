package io.nfidentity.impl.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(5, Duration.ofSeconds(60), 100, Duration.ofHours(1));
    private final Duration rest = Duration.ofMinutes(40);

    @Test
    void freeFailuresCostNothing() {
        for (int f = 0; f < 5; f++) {
            assertEquals(Duration.ZERO, backoff.after(f, rest), "failure " + f);
        }
    }

    @Test
    void delaysDoubleFromOneSecondUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(1), backoff.after(5, rest));
        assertEquals(Duration.ofSeconds(2), backoff.after(6, rest));
        assertEquals(Duration.ofSeconds(32), backoff.after(10, rest));
        assertEquals(Duration.ofSeconds(60), backoff.after(11, rest), "capped");
        assertEquals(Duration.ofSeconds(60), backoff.after(99, rest), "no overflow far out");
    }

    @Test
    void theHourlyCapBlocksUntilTheWindowEnds() {
        assertEquals(rest, backoff.after(100, rest), "ASVS: at most 100 failures per hour per account");
    }
}
