package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample's defaults, as people copy them: a bootstrap administrator is made in an empty instance only, so an
 * address configured later does not appear (nor a renamed or deleted one come back) with a published password; and
 * the sample's published password is accepted only with {@code loopback-only}, under which this machine is served as
 * ever.
 */
@ExtendWith(ArquillianExtension.class)
class SampleDefaultsIT {
    private static final String LATE_ADMIN = "late-bootstrap@it.example.com";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "first", managed = false, testable = false)
    static Archive<?> first() {
        return Deployments.sample(); // the suite's bootstrap administrator: the instance has a user from now on
    }

    @Deployment(name = "later", managed = false, testable = false)
    static EnterpriseArchive later() {
        EnterpriseArchive ear = Deployments.sampleEar(Map.of(
                "nf.identity.bootstrap-admin.email", LATE_ADMIN,
                "nf.identity.bootstrap-admin.password", "change-me-now",
                "nf.identity.loopback-only", "true"));
        return ShrinkWrap.create(EnterpriseArchive.class, "nf-identity-later.ear")
                .merge(ear);
    }

    private static Http site() throws Exception {
        return new Http(new URL("http://127.0.0.1:8080/"));
    }

    @Test
    void aLaterStartMakesNoAdministratorAndThePublishedPasswordServesOnlyThisMachine() throws Exception {
        deployer.deploy("first");
        assertEquals(
                200,
                HttpTestBase.passwordLogin(site(), HttpTestBase.ADMIN_EMAIL, HttpTestBase.ADMIN_PASSWORD)
                        .status());
        deployer.undeploy("first"); // one context root at a time; the database stays
        deployer.deploy("later");
        try {
            assertEquals(
                    "0", site().get("api/it/users?email=" + LATE_ADMIN).body().trim(), "no late administrator");
            assertEquals(
                    400,
                    HttpTestBase.passwordLogin(site(), LATE_ADMIN, "change-me-now")
                            .status());
            String email = HttpTestBase.uniqueEmail();
            assertEquals(
                    200,
                    site().send(
                                    "POST",
                                    HttpTestBase.ID + "signup",
                                    HttpTestBase.credentials(email, HttpTestBase.PASSWORD))
                            .status());
            assertEquals(
                    200,
                    HttpTestBase.passwordLogin(site(), email, HttpTestBase.PASSWORD)
                            .status(),
                    "loopback-only serves this machine as ever");
        } finally {
            deployer.undeploy("later");
        }
    }
}
