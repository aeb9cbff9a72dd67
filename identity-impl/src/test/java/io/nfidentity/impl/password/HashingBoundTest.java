package io.nfidentity.impl.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.impl.TestConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A burst of logins cannot hold more Argon2 memory than the bound: the engine (which allocates the memory) is only
 * ever entered by {@code nf.identity.password.max-concurrent-hashes} callers at once, however many ask.
 */
class HashingBoundTest {
    /** Counts how many callers are inside at once, and stays inside long enough for others to try to join. */
    private static final class CountingEngine implements Argon2Engine {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        private final Argon2Engine real = new JavaArgon2();

        @Override
        public byte[] hash(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
            int now = inside.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            calls.incrementAndGet();
            // hold the door open a moment: were the bound broken, a third caller would walk in meanwhile
            long until = System.nanoTime() + 20_000_000L;
            while (inside.get() <= 2 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            most.accumulateAndGet(inside.get(), Math::max);
            try {
                return real.hash(password, salt, memoryKib, iterations, parallelism, length);
            } finally {
                inside.decrementAndGet();
            }
        }

        @Override
        public String name() {
            return "counting";
        }
    }

    @Test
    void aBurstOfSixteenChecksEntersTheEngineAtMostTwoAtATime() throws Exception {
        CountingEngine engine = new CountingEngine();
        PasswordHasher hasher = new PasswordHasher(TestConfig.with("password.max-concurrent-hashes", "2"), engine);
        String stored = hasher.hash("correct horse battery");
        ExecutorService burst = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(burst.submit(() -> hasher.verify("correct horse battery", stored)));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            burst.shutdown();
        }
        assertEquals(66, engine.calls.get(), "the dummy hash, the stored one, and 64 checks");
        assertTrue(engine.most.get() <= 2, "at most 2 inside at once, saw " + engine.most.get());
    }
}
