package io.nfidentity.it;

import java.io.File;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Builds what the tests deploy: the sample EAR as the build made it, plus the test-only support resource. */
final class Deployments {
    static final String WAR = "sample-web.war";

    private Deployments() {}

    /** The sample as this suite's server takes it: the EAR, or on Payara Micro (no EARs) the same as one WAR. */
    static Archive<?> sample() {
        return sample(java.util.Map.of());
    }

    /** {@link #sample()} with configuration overrides (see {@link #sampleEar(java.util.Map)}). */
    static Archive<?> sample(java.util.Map<String, String> overrides) {
        EnterpriseArchive ear = sampleEar(overrides);
        return Servers.micro() ? asWar(ear) : ear;
    }

    /**
     * The EAR as one WAR at the root context, for Payara Micro, which deploys no EARs: the web module with the EAR's
     * {@code lib/} in {@code WEB-INF/lib}. A WAR is a way the README supports too ({@code WarDeploymentIT}).
     */
    static WebArchive asWar(EnterpriseArchive ear) {
        awaitPortFree(8080);
        WebArchive root = ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(ear.getAsType(WebArchive.class, WAR));
        for (ArchivePath path : ear.getContent().keySet()) {
            String name = path.get();
            if (name.equals("/lib/" + OVERRIDES)) {
                // where a WAR keeps its own settings: from a jar of WEB-INF/lib, Payara Micro 7 did not apply them
                root.addAsResource(
                        ear.getAsType(org.jboss.shrinkwrap.api.spec.JavaArchive.class, name)
                                .get("/META-INF/microprofile-config.properties")
                                .getAsset(),
                        "META-INF/microprofile-config.properties");
            } else if (name.startsWith("/lib/") && name.endsWith(".jar")) {
                root.addAsLibrary(ear.get(path).getAsset(), name.substring("/lib/".length()));
            }
        }
        return root;
    }

    /**
     * Waits until nothing listens on the port, stopping a Payara Micro the adapter left running. Arquillian asks for a
     * class's deployments once it has stopped the last class's servers; but of a class with two deployments
     * ({@code KeysIT}'s verifier), Payara's adapter stops only the second Micro. The first kept 8080, every later
     * Micro took the next free port, and a test that names 8080 (an origin, the site) met that old server.
     */
    private static void awaitPortFree(int port) {
        java.time.Instant until = java.time.Instant.now().plusSeconds(60);
        java.time.Instant reap = java.time.Instant.now().plusSeconds(5); // a Micro being stopped gets 5 s to go
        while (listening(port)) {
            java.time.Instant now = java.time.Instant.now();
            if (now.isAfter(until)) {
                throw new IllegalStateException("port " + port + " is still taken a minute after the last server");
            }
            if (now.isAfter(reap)) {
                ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains("payara-micro.jar"))
                        .forEach(ProcessHandle::destroy);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException free) {
            return false;
        }
    }

    private static final String OVERRIDES = "it-overrides.jar";

    /**
     * The sample with configuration overrides for this deployment only: a jar in the EAR's {@code lib/} whose
     * {@code microprofile-config.properties} outranks the server's system properties (ordinal 500 against 400).
     */
    static EnterpriseArchive sampleEar(java.util.Map<String, String> overrides) {
        File file = new File(System.getProperty("it.sample.ear", "target/deployments/nf-identity-sample.ear"));
        EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, "nf-identity-sample.ear")
                .importFrom(file)
                .as(EnterpriseArchive.class);
        WebArchive war = ear.getAsType(WebArchive.class, WAR);
        war.addClasses(SupportResource.class, RecordingObservers.class);
        ear.delete(WAR);
        ear.addAsModule(war);
        if (!overrides.isEmpty()) {
            StringBuilder props = new StringBuilder("config_ordinal=500\n");
            overrides.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
            ear.addAsLibrary(ShrinkWrap.create(org.jboss.shrinkwrap.api.spec.JavaArchive.class, OVERRIDES)
                    .addAsManifestResource(
                            new org.jboss.shrinkwrap.api.asset.StringAsset(props.toString()),
                            "microprofile-config.properties"));
        }
        return ear;
    }
}
