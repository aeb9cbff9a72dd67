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

    /** An engine that holds its caller until released, as a flood of slow hashes would. */
    private static final class BlockingEngine implements Argon2Engine {
        final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        volatile boolean block;

        @Override
        public byte[] hash(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
            if (block) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new byte[length];
        }

        @Override
        public String name() {
            return "blocking";
        }
    }

    @Test
    void aCallerWaitsBoundedForABusySlotThenGetsA503() throws Exception {
        BlockingEngine engine = new BlockingEngine();
        PasswordHasher hasher = new PasswordHasher(
                TestConfig.with("password.max-concurrent-hashes", "1", "password.hash-wait-ms", "50"), engine);
        engine.block = true;
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<String> held = holder.submit(() -> hasher.hash("the one slot"));
            engine.entered.await();

            PasswordHasher.ServerBusyException busy = org.junit.jupiter.api.Assertions.assertThrows(
                    PasswordHasher.ServerBusyException.class, () -> hasher.burn("next"));
            assertEquals(503, busy.status(), "a clear 503, not a thread parked for good");
            assertEquals("server_busy", busy.errorCode());

            engine.release.countDown();
            held.get();
            engine.block = false;
            assertTrue(hasher.hash("after the flood").startsWith("$argon2id$"), "the slot is usable again");
        } finally {
            engine.release.countDown();
            holder.shutdownNow();
        }
    }

    @Test
    void heavyHashesAreAdmittedByTheirMemoryNotOnlyByTheirNumber() throws Exception {
        // 2 MiB hashes (an import's), four slots, a 3 MiB budget: one at a time
        String heavy = new PasswordHasher(TestConfig.with("argon2.memory-kib", "2048")).hash("correct horse battery");
        CountingEngine engine = new CountingEngine();
        PasswordHasher hasher = new PasswordHasher(
                TestConfig.with(
                        "password.max-concurrent-hashes", "4",
                        "password.memory-budget-mib", "3",
                        "password.hash-wait-ms", "60000"),
                engine);
        ExecutorService burst = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(burst.submit(() -> hasher.verify("a wrong guess", heavy)));
            }
            for (Future<Boolean> r : results) {
                assertTrue(!r.get(), "each is checked, and fails");
            }
        } finally {
            burst.shutdown();
        }
        assertEquals(1, engine.most.get(), "2 MiB twice does not fit 3 MiB: one at a time, saw " + engine.most.get());
    }

    @Test
    void anImportedHashThatNeedsMoreThanTheWholeBudgetIsRefusedAtImport() {
        String huge = new PasswordHasher(TestConfig.with("argon2.memory-kib", "8192")).hash("whatever password");
        PasswordHasher hasher = new PasswordHasher(TestConfig.with("password.memory-budget-mib", "4"));

        io.nfidentity.ValidationException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.nfidentity.ValidationException.class, () -> hasher.importable(huge));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("8 MiB") && e.getMessage().contains("4 MiB"), e.getMessage());
        String fits = new PasswordHasher(TestConfig.with("argon2.memory-kib", "2048")).hash("x");
        assertEquals(fits, hasher.importable(fits), "a hash within the budget is taken");
    }
}
