package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nfidentity.it.host.HostBeans;
import io.nfidentity.it.host.HostException;
import io.nfidentity.it.host.HostExceptionMapper;
import io.nfidentity.it.host.HostResource;
import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * nf-identity as a guest in an application it did not write: a WAR with its own unqualified {@code DataSource} and
 * {@code Clock} producers, its own exception mapper, a resource that takes a 1 MiB JSON body and one that throws a
 * {@code WebApplicationException(418)}. It deploys, its answers are its own (nf-identity's mappers, filters and body
 * limit serve the GoTrue API only), and login plus {@code @RolesAllowed} still work.
 */
class HostApplicationIT extends HttpTestBase {
    @Deployment(testable = false)
    static WebArchive deployment() {
        File war = new File(System.getProperty("it.ping.war", "target/deployments/ping-nf.war"));
        return ShrinkWrap.create(ZipImporter.class, "host.war")
                .importFrom(war)
                .as(WebArchive.class)
                .addClasses(HostBeans.class, HostException.class, HostExceptionMapper.class, HostResource.class);
    }

    @Test
    void theHostsOwnBeansDeployBesideTheModulesAndAreTheOnesItGets() {
        Http.Res r = http.get("api/host/beans");
        assertEquals(200, r.status(), "deployed without an ambiguous Clock or DataSource: " + r);
        assertEquals(HostBeans.HOST_TIME + " H2", r.body(), "the host's Clock and DataSource: " + r);
    }

    @Test
    void theHostsErrorsAndBodySizesStayItsOwn() {
        Http.Res teapot = http.get("api/host/teapot");
        assertEquals(418, teapot.status(), teapot.toString());
        assertFalse(teapot.body().contains("error_code"), "no GoTrue-shaped JSON on the host's answer: " + teapot);
        Http.Res refused = http.get("api/host/refuse");
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("host says: no", refused.body(), "the host's own mapper: " + refused);
        String megabyte = "{\"blob\":\"" + "x".repeat(1024 * 1024) + "\"}";
        Http.Res big = http.postJson("api/host/echo", megabyte);
        assertEquals(200, big.status(), "nf-identity's body limit is the GoTrue API's only: " + big.status());
        assertEquals(Integer.toString(megabyte.length()), big.body());
        Http.Res api = http.postJson(ID + "signup", megabyte);
        assertEquals(413, api.status(), "the GoTrue API keeps its limit");
    }

    @Test
    void loginAndRolesAllowedStillWork() {
        String admin = accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
        Http.Res member = browser().get("api/ping/member", "Cookie", "nf_jwt=" + admin);
        assertEquals(200, member.status(), member.toString());
        Http.Res anonymous = browser().get("api/ping/member");
        assertEquals(401, anonymous.status(), anonymous.toString());
        assertEquals("not_authenticated", anonymous.json().getString("error_code"), anonymous.toString());
    }
}
