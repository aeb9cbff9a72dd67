package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;

/**
 * Mail goes out after the change commits, off the request thread: with the mail server down, {@code /recover} for a
 * registered address answers exactly as for an unknown one (it answered 503 before, which told registered addresses
 * apart), a signup still lands, and the mails arrive once the server is back, tried again by the module.
 */
class MailOutageIT extends HttpTestBase {
    /** Nothing listens here until the test starts its mail server. */
    private static final int PORT = 3027;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(
                Map.of("nf.identity.smtp.port", Integer.toString(PORT), "nf.identity.autoconfirm", "false"));
    }

    private Http.Res recover(String email) {
        return browser().send("POST", ID + "recover", "{\"email\":\"" + email + "\"}");
    }

    @Test
    void whileTheMailServerIsDownRegisteredAndUnknownAddressesGetTheSameAnswerAndTheMailsComeLater() {
        String registered = uniqueEmail();
        Http.Res created = browser()
                .send(
                        "POST",
                        ID + "admin/users",
                        "{\"email\":\"" + registered + "\",\"password\":\"" + PASSWORD + "\",\"confirm\":true}",
                        "Authorization",
                        OPERATOR);
        assertEquals(200, created.status(), created.toString());

        Http.Res known = recover(registered);
        Http.Res unknown = recover(uniqueEmail());
        String pending = uniqueEmail();
        Http.Res signup = browser().send("POST", ID + "signup", credentials(pending, PASSWORD));

        assertEquals(200, unknown.status(), unknown.toString());
        assertEquals(unknown.status(), known.status(), "a registered address answers as an unknown one: " + known);
        assertEquals(unknown.body(), known.body());
        assertEquals(200, signup.status(), "the signup lands without the mail server: " + signup);
        assertEquals(1, usersWithEmail(pending));

        GreenMail server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        try {
            assertEquals(
                    "Reset Your Password", Mailbox.await(server, registered, 1).subject(), "tried again");
            assertEquals(
                    "Confirm Your Signup", Mailbox.await(server, pending, 1).subject());
        } finally {
            server.stop();
        }
    }
}
