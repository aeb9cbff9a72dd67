package io.nfidentity.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Builds what the tests deploy: the sample EAR as the build made it, plus the test-only support resource. */
final class Deployments {
    static final String WAR = "sample-web.war";

    private Deployments() {}

    static EnterpriseArchive sample() {
        return sample(java.util.Map.of());
    }

    /**
     * The sample with configuration overrides for this deployment only: a jar in the EAR's {@code lib/} whose
     * {@code microprofile-config.properties} outranks the server's system properties (ordinal 500 against 400).
     */
    static EnterpriseArchive sample(java.util.Map<String, String> overrides) {
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
            ear.addAsLibrary(ShrinkWrap.create(org.jboss.shrinkwrap.api.spec.JavaArchive.class, "it-overrides.jar")
                    .addAsManifestResource(
                            new org.jboss.shrinkwrap.api.asset.StringAsset(props.toString()),
                            "microprofile-config.properties"));
        }
        return ear;
    }
}
