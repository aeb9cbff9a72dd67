package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The same WAR as {@link WarDeploymentIT} without its {@code web.xml}: no {@code resteasy.role.based.security}, so only
 * nf-identity's CDI interceptor guards the {@code @RolesAllowed} resource (an application that forgot the setting).
 * It must still refuse, with 401 for an anonymous caller (WildFly gives one an "anonymous" principal here, not null)
 * and 403 for a caller without the role.
 */
class WarWithoutWebXmlIT extends HttpTestBase {
    @Deployment(testable = false)
    static WebArchive deployment() {
        File war = new File(System.getProperty("it.ping.war", "target/deployments/ping-nf.war"));
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, "ping-nf.war")
                .importFrom(war)
                .as(WebArchive.class);
        archive.delete("WEB-INF/web.xml");
        return archive;
    }

    @Test
    void theCdiRoleCheckAloneAnswers401Then403Then200() {
        Http.Res anonymous = browser().get("api/ping/member");
        assertEquals(401, anonymous.status(), anonymous.toString());
        assertEquals("not_authenticated", anonymous.json().getString("error_code"), anonymous.toString());

        Http.Res user = http.postJson(".netlify/identity/signup", credentials(uniqueEmail(), PASSWORD));
        assertEquals(200, user.status(), user.toString());
        Http.Res withoutRole = browser()
                .get("api/ping/member", "Cookie", "nf_jwt=" + user.json().getString("access_token"));
        assertEquals(403, withoutRole.status(), withoutRole.toString());

        Http.Res admin = http.postRaw(
                ".netlify/identity/token",
                passwordGrant(ADMIN_EMAIL, ADMIN_PASSWORD),
                "Content-Type",
                "application/x-www-form-urlencoded");
        Http.Res allowed = browser()
                .get("api/ping/member", "Cookie", "nf_jwt=" + admin.json().getString("access_token"));
        assertEquals(200, allowed.status(), allowed.toString());
    }
}
