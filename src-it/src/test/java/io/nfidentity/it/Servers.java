package io.nfidentity.it;

/**
 * Which server the suite runs on ({@code it.server}, set by the build: empty for WildFly, {@code payara} with
 * {@code -Ppayara}). Only the few tests that cannot run on every server ask, and each says why.
 */
final class Servers {
    private Servers() {}

    static boolean payara() {
        return "payara".equals(System.getProperty("it.server"));
    }
}
