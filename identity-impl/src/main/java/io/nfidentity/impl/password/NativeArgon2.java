package io.nfidentity.impl.password;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;

/**
 * Argon2id by the reference C implementation (phc-winner-argon2, bundled by argon2-jvm for Linux, macOS and Windows,
 * called through JNA). About 1.5x less CPU per hash than Bouncy Castle (bench/RESULTS.md); the constructor fails
 * when the native library does not load, and {@link Argon2Engine#select} falls back.
 */
final class NativeArgon2 implements Argon2Engine {
    /** argon2-jvm's output length; other lengths (an imported hash, say) go to the Java engine. */
    private static final int LENGTH = 32;

    private final Argon2Advanced argon2;
    private final JavaArgon2 fallback = new JavaArgon2();

    NativeArgon2() {
        argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, 16, LENGTH);
        // load and run the library now, so a platform without it is found at startup, not at the first login
        argon2.rawHash(1, 8, 1, new byte[] {1}, new byte[16]);
    }

    @Override
    public byte[] hash(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        if (length != LENGTH || password.length == 0) {
            // argon2-jvm cannot pass an empty password (JNA refuses a zero-size buffer): same function, other code
            return fallback.hash(password, salt, memoryKib, iterations, parallelism, length);
        }
        return argon2.rawHash(iterations, memoryKib, parallelism, password, salt);
    }

    @Override
    public String name() {
        return "native";
    }
}
