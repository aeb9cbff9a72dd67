package io.nfidentity.bench;

import io.nfidentity.impl.config.ConfigReader;
import io.nfidentity.impl.password.PasswordHasher;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * The CPU time of one password check with nf-identity's own hasher, checks run one after another in an otherwise idle
 * JVM: the part of a login that is the hash, subtracted by {@code bench/server-bench.sh} from the server's CPU per
 * login to get "CPU per login beyond the hash". The whole process's CPU is counted, as for the server: each check
 * allocates its Argon2 memory (7 MiB at Keycloak's parameters), and collecting it is part of the hash's cost.
 * Arguments: memory KiB, iterations, parallelism, runs, threads (default: the server's default bound).
 */
public final class HashCost {
    private HashCost() {}

    public static void main(String[] args) {
        String memory = args.length > 0 ? args[0] : "7168";
        String iterations = args.length > 1 ? args[1] : "5";
        String parallelism = args.length > 2 ? args[2] : "1";
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 150;
        PasswordHasher hasher = new PasswordHasher(ConfigReader.read(Map.of(
                "nf.identity.jwt.secret", "hash-cost-secret-0123456789abcdef-0123456789",
                "nf.identity.site-url", "http://localhost",
                "nf.identity.argon2.memory-kib", memory,
                "nf.identity.argon2.iterations", iterations,
                "nf.identity.argon2.parallelism", parallelism)));
        String stored = hasher.hash("bench-user-pass-1");
        for (int i = 0; i < runs / 3; i++) {
            hasher.verify("bench-user-pass-1", stored); // warm-up: JIT
        }
        // as many checks at once as the server runs (nf.identity.password.max-concurrent-hashes: one per core), since
        // concurrent Argon2 runs compete for the memory bus and the cache and each costs more CPU than one alone
        int threads = args.length > 4
                ? Integer.parseInt(args[4])
                : Runtime.getRuntime().availableProcessors();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int i = 0; i < runs; i++) {
            done.add(pool.submit(() -> {
                if (!hasher.verify("bench-user-pass-1", stored)) {
                    throw new IllegalStateException("the hash does not verify");
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        pool.shutdown();
        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / runs;
        double wallMs = (System.nanoTime() - wall0) / 1e6 / runs;
        System.out.println("HASHENGINE " + hasher.engine());
        System.out.printf(
                "HASHCOST cpu_ms=%.2f wall_ms=%.2f m=%s t=%s p=%s runs=%d threads=%d%n",
                cpuMs, wallMs, memory, iterations, parallelism, runs, threads);
    }
}
