package io.nfidentity.bench;

import io.nfidentity.impl.config.ConfigReader;
import io.nfidentity.impl.password.PasswordHasher;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * The CPU time of one password check with nf-identity's own hasher, on one thread of an otherwise idle JVM: the part
 * of a login that is the hash, subtracted by {@code bench/server-bench.sh} from the server's CPU per login to get
 * "CPU per login beyond the hash". Arguments: memory KiB, iterations, parallelism, runs.
 */
public final class HashCost {
    private HashCost() {}

    public static void main(String[] args) {
        String memory = args.length > 0 ? args[0] : "7168";
        String iterations = args.length > 1 ? args[1] : "5";
        String parallelism = args.length > 2 ? args[2] : "1";
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        PasswordHasher hasher = new PasswordHasher(ConfigReader.read(Map.of(
                "nf.identity.jwt.secret", "hash-cost-secret-0123456789abcdef-0123456789",
                "nf.identity.argon2.memory-kib", memory,
                "nf.identity.argon2.iterations", iterations,
                "nf.identity.argon2.parallelism", parallelism)));
        String stored = hasher.hash("bench-user-pass-1");
        for (int i = 0; i < runs / 3; i++) {
            hasher.verify("bench-user-pass-1", stored); // warm-up: JIT
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            if (!hasher.verify("bench-user-pass-1", stored)) {
                throw new IllegalStateException("the hash does not verify");
            }
        }
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / runs;
        double wallMs = (System.nanoTime() - wall0) / 1e6 / runs;
        System.out.printf(
                "HASHCOST cpu_ms=%.2f wall_ms=%.2f m=%s t=%s p=%s runs=%d%n",
                cpuMs, wallMs, memory, iterations, parallelism, runs);
    }
}
