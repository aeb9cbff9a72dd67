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
        File file = new File(System.getProperty("it.sample.ear", "target/deployments/nf-identity-sample.ear"));
        EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, "nf-identity-sample.ear")
                .importFrom(file)
                .as(EnterpriseArchive.class);
        WebArchive war = ear.getAsType(WebArchive.class, WAR);
        war.addClasses(SupportResource.class, RecordingObservers.class);
        ear.delete(WAR);
        ear.addAsModule(war);
        return ear;
    }
}
