package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node started with another {@code nf.identity.jwt.algorithm} than the current key's does not start, and leaves the
 * cluster's current key as it was (it used to make a key of its own algorithm current, for every node, silently).
 */
@ExtendWith(ArquillianExtension.class)
class AlgorithmSwitchIT {
    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "running", managed = false, testable = false)
    static Archive<?> running() {
        return Deployments.sample(); // HS256, and allowed to switch back to it (the suite's setting)
    }

    @Deployment(name = "stray", managed = false, testable = false)
    static EnterpriseArchive stray() {
        EnterpriseArchive ear = Deployments.sampleEar(Map.of(
                "nf.identity.jwt.algorithm", "RS256",
                "nf.identity.jwt.key-encryption-key", "it-key-encryption-key-0123456789abcdefghij",
                "nf.identity.jwt.switch-algorithm", "false"));
        // Arquillian wants another archive name; the two never run at once (one context root)
        return org.jboss.shrinkwrap.api.ShrinkWrap.create(EnterpriseArchive.class, "nf-identity-stray.ear")
                .merge(ear);
    }

    private String currentKey() throws Exception {
        // the sample's context root on the managed server's port (no URL is injected for a deployment the test
        // deploys itself)
        Http.Res keys = new Http(new URL("http://127.0.0.1:8080/"))
                .send("GET", HttpTestBase.ID + "admin/keys", null, "Authorization", HttpTestBase.OPERATOR);
        assertEquals(200, keys.status(), keys.toString());
        return keys.json().getJsonArray("keys").stream()
                .map(v -> v.asJsonObject())
                .filter(k -> k.getString("state").equals("current"))
                .map(k -> k.getString("kid") + "/" + k.getString("algorithm"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aNodeStartedWithAnotherAlgorithmRefusesToStartAndSwitchesNothing() throws Exception {
        deployer.deploy("running");
        String before = currentKey();
        assertEquals("nf-ident/HS256", before);
        deployer.undeploy("running"); // one context root at a time; its database stays
        try {
            Exception e = assertThrows(Exception.class, () -> deployer.deploy("stray"));
            StringBuilder chain = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                chain.append(t).append('\n');
            }
            assertTrue(
                    chain.toString().contains("NFID0040") && chain.toString().contains("switch-algorithm"),
                    "the failure says how to switch: " + chain);
        } finally {
            try {
                deployer.undeploy("stray");
            } catch (RuntimeException alreadyGone) {
                // a deployment that failed may have been removed already
            }
            deployer.deploy("running");
        }
        try {
            assertEquals(before, currentKey(), "the current key is still the one it was");
        } finally {
            deployer.undeploy("running");
        }
    }
}
