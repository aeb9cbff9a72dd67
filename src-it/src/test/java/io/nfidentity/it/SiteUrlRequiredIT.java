package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Without {@code nf.identity.site-url} a mailed link would have nothing but the request's {@code Host} header to point
 * to, which an attacker chooses: the deployment refuses to start, with one clear error naming the key.
 */
@ExtendWith(ArquillianExtension.class)
class SiteUrlRequiredIT {
    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "no-site-url", managed = false, testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of("nf.identity.site-url", ""));
    }

    @Test
    void aDeploymentWithoutASiteUrlRefusesToStartAndSaysWhichKeyToSet() {
        Assumptions.assumeFalse(
                Servers.payara(),
                "Payara's MicroProfile Config passes over an empty value to the next source, here the suite's "
                        + "server-wide nf.identity.site-url, so one deployment cannot unset it (WildFly's SmallRye "
                        + "Config stops at the empty value); ConfigReaderTest covers the check itself");
        try {
            Exception e = assertThrows(Exception.class, () -> deployer.deploy("no-site-url"));
            StringBuilder chain = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                chain.append(t).append('\n');
            }
            assertTrue(
                    chain.toString().contains("NFID0001")
                            && chain.toString().contains("nf.identity.site-url is not set"),
                    "the failure names the key: " + chain);
        } finally {
            try {
                deployer.undeploy("no-site-url");
            } catch (RuntimeException alreadyGone) {
                // a deployment that failed may have been removed already
            }
        }
    }
}
