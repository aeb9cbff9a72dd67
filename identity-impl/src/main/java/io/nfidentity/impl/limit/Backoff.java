package io.nfidentity.impl.limit;

import java.time.Duration;

/**
 * The delay after a failure: none for the first {@code free} failures of a window, then doubling from one second up
 * to {@code max}; past {@code hardCap} failures in the window, blocked until the window ends. Growing delays, not a
 * lockout an attacker could use to keep a victim out: the owner waits seconds, a guesser waits hours.
 */
public record Backoff(int free, Duration max, int hardCap, Duration window) {

    public Duration after(int failures, Duration leftInWindow) {
        if (failures >= hardCap) {
            return leftInWindow;
        }
        if (failures < free) {
            return Duration.ZERO;
        }
        int exponent = Math.min(30, failures - free);
        Duration d = Duration.ofSeconds(1L << exponent);
        return d.compareTo(max) > 0 ? max : d;
    }
}
