package io.nfidentity.impl.password;

import io.nfidentity.impl.error.LogId;
import java.util.logging.Logger;

/**
 * Computes raw Argon2id (version 1.3, no secret, no associated data). Two implementations of the same function give
 * byte-identical output ({@code Argon2EngineTest}): the reference C code through argon2-jvm when its native library
 * loads on this platform, else Bouncy Castle's Java code. Hashes move freely between them.
 */
interface Argon2Engine {
    byte[] hash(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length);

    String name();

    /**
     * @param choice {@code auto} (native if it loads, else Java), {@code native} (fail if it does not load) or
     *     {@code java}
     */
    static Argon2Engine select(String choice) {
        Logger log = Logger.getLogger(Argon2Engine.class.getName());
        if ("java".equals(choice)) {
            return new JavaArgon2();
        }
        try {
            Argon2Engine engine = new NativeArgon2();
            log.info(LogId.ARGON2_ENGINE + ": Argon2id by the reference C implementation (argon2-jvm)");
            return engine;
        } catch (LinkageError | RuntimeException e) {
            if ("native".equals(choice)) {
                throw new IllegalStateException(
                        LogId.ARGON2_NATIVE_MISSING
                                + ": nf.identity.argon2.engine=native, but the native Argon2 library does not load",
                        e);
            }
            log.info(LogId.ARGON2_ENGINE + ": Argon2id by Bouncy Castle (the native library does not load here: " + e
                    + ")");
            return new JavaArgon2();
        }
    }
}
