package io.nfidentity.it;

/**
 * Which server the suite runs on ({@code it.server}, set by the build: empty for WildFly, {@code payara} with
 * {@code -Ppayara}, {@code micro} with {@code -Pee11}: Payara Micro 7, Jakarta EE 11). Only the few tests that
 * cannot run on every server ask, and each says why.
 */
final class Servers {
    private Servers() {}

    /** Payara Server 6, or Payara Micro 7 (the same code base: what differs on Payara differs on both). */
    static boolean payara() {
        return "payara".equals(System.getProperty("it.server")) || micro();
    }

    /** Payara Micro 7 (Jakarta EE 11), which deploys WARs only and starts afresh for every deployment. */
    static boolean micro() {
        return "micro".equals(System.getProperty("it.server"));
    }

    /**
     * The URL with the host 127.0.0.1 if it named another: Payara Micro announces the address of the machine's first
     * network interface, which the API's host check (rightly) does not answer for. The suite talks to every server on
     * loopback. A loopback name stays as it is: a test's {@code localhost} and {@code other.localhost} are origins of
     * their own (passkeys), and Keycloak's issuer is {@code localhost}.
     */
    static java.net.URI onLoopback(java.net.URI uri) {
        String host = uri.getHost();
        if (host == null
                || host.equals("localhost")
                || host.endsWith(".localhost")
                || host.startsWith("127.")
                || host.equals("[::1]")) {
            return uri;
        }
        try {
            return new java.net.URI(
                    uri.getScheme(), null, "127.0.0.1", uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
