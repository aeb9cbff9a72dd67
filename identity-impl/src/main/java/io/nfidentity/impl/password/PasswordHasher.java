package io.nfidentity.impl.password;

import io.nfidentity.IdentityException;
import io.nfidentity.ValidationException;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Argon2id in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), computed by the reference C
 * implementation where it loads and by Bouncy Castle elsewhere ({@link Argon2Engine}).
 * Hashes made with other parameters still verify (the parameters travel in the string), and bcrypt hashes
 * ({@code $2a$}, GoTrue's format) verify too, so users imported from Netlify keep their passwords.
 *
 * <p>Each Argon2 computation holds {@code m} KiB of memory, so a burst of logins could exhaust the heap. Two bounds hold
 * before any memory is allocated: how many run at once ({@code nf.identity.password.max-concurrent-hashes}), and how
 * much memory they take together ({@code nf.identity.password.memory-budget-mib}, a quarter of the heap by default):
 * an imported hash may ask for 256 MiB, and two such at once took a 512 MiB server down when only their number was
 * bounded. What cannot be admitted within {@code nf.identity.password.hash-wait-ms} is a 503.
 */
public final class PasswordHasher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final TimeUnit NANOS = TimeUnit.NANOSECONDS;

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final Semaphore slots;
    /** One permit a KiB of the memory budget. */
    private final Semaphore memory;

    private final int budgetKib;
    private final Duration slotWait;
    private final Argon2Engine engine;
    /** Verified against for unknown users so that "no such user" costs the same as "wrong password". */
    private final String dummyHash;

    private final Metrics metrics;

    public PasswordHasher(IdentityConfig config) {
        this(config, new Metrics());
    }

    /** @param metrics where the queue's wait, each hash's time and each busy refusal are counted */
    public PasswordHasher(IdentityConfig config, Metrics metrics) {
        this(config, Argon2Engine.select(config.passwords().argon2Engine()), metrics);
    }

    PasswordHasher(IdentityConfig config, Argon2Engine engine) {
        this(config, engine, new Metrics());
    }

    PasswordHasher(IdentityConfig config, Argon2Engine engine, Metrics metrics) {
        this.metrics = metrics;
        this.memoryKib = config.passwords().argon2MemoryKib();
        this.iterations = config.passwords().argon2Iterations();
        this.parallelism = config.passwords().argon2Parallelism();
        this.slots = new Semaphore(config.passwords().maxConcurrentHashes(), true);
        long configured = config.passwords().hashMemoryBudgetMib() > 0
                ? config.passwords().hashMemoryBudgetMib() * 1024L
                : Runtime.getRuntime().maxMemory() / 4 / 1024;
        // the module's own hash must always fit, or nobody could log in
        this.budgetKib = (int) Math.min(
                Integer.MAX_VALUE, Math.max(configured, config.passwords().argon2MemoryKib()));
        this.memory = new Semaphore(budgetKib, true);
        this.slotWait = config.passwords().hashWait();
        this.engine = engine;
        this.dummyHash = hash("nf-identity-dummy-password");
    }

    /** A new salted Argon2id hash of the password with the configured parameters. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] out = argon2(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** The {@code error_code} of a password hash that cannot be imported. */
    public static final String HASH_UNSUPPORTED = "password_hash_unsupported";

    /**
     * Checks a hash brought from another system before it is stored: one of the forms {@link ImportedHash} reads,
     * with parameters that cannot make a login exhaust the server.
     *
     * @return the hash, trimmed
     * @throws ValidationException 422 {@code password_hash_unsupported}, naming the forms, for anything else
     */
    public String importable(String hash) {
        String h = hash == null ? "" : hash.trim();
        int needs = memoryOf(h);
        if (needs > budgetKib) {
            // no login could ever be admitted to check it: refuse it now, not at every login
            throw new ValidationException(
                    HASH_UNSUPPORTED,
                    "Unsupported password hash: it needs " + (needs / 1024) + " MiB of memory to check, more than this"
                            + " server spends on all logins at once (" + (budgetKib / 1024) + " MiB,"
                            + " nf.identity.password.memory-budget-mib)");
        }
        if (h.startsWith("$argon2id$")) {
            Phc phc = Phc.parse(h, "argon2id");
            if (phc != null
                    && phc.memoryKib() <= ImportedHash.MAX_IMPORTED_MEMORY_KIB
                    && phc.iterations() <= 20
                    && phc.parallelism() <= 16) {
                return h;
            }
        } else if (ImportedHash.parse(h) != null) {
            return h;
        }
        throw new ValidationException(
                HASH_UNSUPPORTED,
                "Unsupported password hash: use bcrypt ($2a$, $2b$, $2y$, cost 4 to 17), Argon2id or Argon2i in PHC"
                        + " form, or PBKDF2-SHA256 as $pbkdf2-sha256$i=<iterations>$<salt>$<hash> or Django's"
                        + " pbkdf2_sha256$<iterations>$<salt>$<hash>");
    }

    /**
     * Checks a password against a stored hash in constant time. A {@code null} or unreadable hash (a user without a
     * password) still costs one hash, then fails.
     */
    public boolean verify(String password, String stored) {
        if (stored != null && stored.startsWith("$2")) {
            return verifyBcrypt(password, stored);
        }
        ImportedHash imported = stored == null ? null : ImportedHash.parse(stored);
        if (imported != null) {
            int kib = memoryOf(stored);
            if (kib > budgetKib) {
                return false; // stored before the budget was this small: it can never be checked (a reset helps)
            }
            long acquired = acquire(kib); // these cost as much as a login's hash, and are bounded the same way
            try {
                return imported.matches(password);
            } finally {
                release(kib, acquired);
            }
        }
        Phc phc = stored == null ? null : Phc.parse(stored, "argon2id");
        if (phc == null) {
            burn(password);
            return false;
        }
        if (phc.memoryKib() > budgetKib) {
            return false; // see above
        }
        byte[] actual =
                argon2(password, phc.salt(), phc.memoryKib(), phc.iterations(), phc.parallelism(), phc.hash().length);
        return MessageDigest.isEqual(actual, phc.hash());
    }

    /** Spends the same work as a real verification, for unknown users. */
    public void burn(String password) {
        verify(password == null ? "" : password, dummyHash);
    }

    /** Whether a stored hash uses weaker parameters than configured, so it can be upgraded at the next login. */
    public boolean needsRehash(String stored) {
        Phc phc = stored == null ? null : Phc.parse(stored, "argon2id");
        return phc == null
                || phc.memoryKib() != memoryKib
                || phc.iterations() != iterations
                || phc.parallelism() != parallelism;
    }

    private boolean verifyBcrypt(String password, String stored) {
        long acquired = acquire(0); // bcrypt's 4 KiB: counted as a hash, not as memory
        try {
            return OpenBSDBCrypt.checkPassword(stored, password.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        } finally {
            release(0, acquired);
        }
    }

    private byte[] argon2(String password, byte[] salt, int m, int t, int p, int length) {
        long acquired = acquire(m); // before anything is allocated: a slot, and the hash's memory within the budget
        try {
            return engine.hash(password.getBytes(StandardCharsets.UTF_8), salt, m, t, p, length);
        } finally {
            release(m, acquired);
        }
    }

    /** The memory (KiB) checking the hash takes: Argon2's {@code m}; nothing to speak of for bcrypt and PBKDF2. */
    static int memoryOf(String hash) {
        if (hash == null) {
            return 0;
        }
        Phc phc = hash.startsWith("$argon2id$")
                ? Phc.parse(hash, "argon2id")
                : hash.startsWith("$argon2i$") ? Phc.parse(hash, "argon2i") : null;
        return phc == null ? 0 : phc.memoryKib();
    }

    /** The memory budget, in KiB. */
    int budgetKib() {
        return budgetKib;
    }

    /** Which Argon2 implementation runs: {@code native} or {@code java}. */
    public String engine() {
        return engine.name();
    }

    /**
     * Waits for a hashing slot, at most {@code nf.identity.password.hash-wait}: a flood of logins then gets quick 503s
     * instead of pinning every request thread of the server in the queue.
     */
    private long acquire(int kib) {
        long start = System.nanoTime();
        long deadline = start + slotWait.toNanos();
        boolean slot = false;
        try {
            slot = slots.tryAcquire(slotWait.toMillis(), TimeUnit.MILLISECONDS);
            if (slot && (kib == 0 || memory.tryAcquire(kib, Math.max(0, deadline - System.nanoTime()), NANOS))) {
                long acquired = System.nanoTime();
                metrics.hashWaited(Duration.ofNanos(acquired - start));
                return acquired;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (slot) {
            slots.release();
        }
        metrics.hashBusy();
        throw new ServerBusyException();
    }

    /** @param acquired when {@link #acquire} returned, so the hash's own time is counted */
    private void release(int kib, long acquired) {
        if (kib > 0) {
            memory.release(kib);
        }
        slots.release();
        metrics.hashTook(Duration.ofNanos(System.nanoTime() - acquired));
    }

    /** 503: every hashing slot stayed busy for the whole wait. */
    public static final class ServerBusyException extends IdentityException {
        private static final long serialVersionUID = 1L;

        ServerBusyException() {
            super(Problem.SERVER_BUSY.status(), Problem.SERVER_BUSY.code(), Problem.SERVER_BUSY.message());
        }
    }
}
