package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sign-in by mail (Supabase's {@code POST /otp} and {@code /verify} with {@code type: email} or {@code magiclink}):
 * real mail through GreenMail, and the attacks on it: reuse, expiry, guessing, a mail scanner opening the link, an
 * address probe, and a squatter's password on the owner's address.
 */
class EmailSignInIT extends HttpTestBase {
    private static final Pattern CODE = Pattern.compile("<strong>([0-9]{6})</strong>");

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of("nf.identity.console.enabled", "true"));
    }

    private Http.Res post(String path, String body) {
        return browser().send("POST", ID + path, body);
    }

    private Http.Res requestCode(String email, boolean create) {
        return post("otp", "{\"email\":\"" + email + "\",\"create_user\":" + create + "}");
    }

    private Http.Res verifyCode(String email, String code) {
        return post("verify", "{\"type\":\"email\",\"email\":\"" + email + "\",\"token\":\"" + code + "\"}");
    }

    private Http.Res verifyLink(String token) {
        return post("verify", "{\"type\":\"magiclink\",\"token\":\"" + token + "\"}");
    }

    private static String code(Mailbox.Mail m) {
        Matcher c = CODE.matcher(m.body());
        assertTrue(c.find(), "a six-digit code in " + m.body());
        return c.group(1);
    }

    @Test
    void aCodeAloneSignsUpANewAddressConfirmsItAndSignsInOnce() {
        String email = uniqueEmail();

        Http.Res asked = requestCode(email, true);

        assertEquals(200, asked.status(), asked.toString());
        assertEquals("{}", asked.body().strip());
        Mailbox.Mail m = Mailbox.await(mail, email, 1);
        assertEquals("Your Magic Link", m.subject());
        Http.Res in = verifyCode(email, code(m));
        assertEquals(200, in.status(), in.toString());
        String payload = Jwts.decodePayload(in.json().getString("access_token"));
        assertTrue(payload.contains("\"method\":\"otp\""), "amr names the code: " + payload);
        assertTrue(payload.contains("\"member\""), "UserSignup fired at confirmation: " + payload);
        assertTrue(in.json().getJsonObject("user").containsKey("confirmed_at"), in.toString());
        assertEquals("", passwordHash(email), "a passwordless user has no password");
        Http.Res again = verifyCode(email, code(m));
        assertEquals(403, again.status(), "a code works once: " + again);
        assertEquals("otp_expired", again.json().getString("error_code"), again.toString());
        assertEquals(403, verifyLink(m.token("magiclink_token")).status(), "the code spent the link mailed with it");
    }

    @Test
    void aScannerOpeningTheLinkSpendsNothingAndOnlyThePagesButtonSignsIn() {
        String email = uniqueEmail();
        newConfirmedUser(email);
        requestCode(email, false);
        Mailbox.Mail m = Mailbox.await(mail, email, 1);
        assertTrue(
                m.link().startsWith("https://site.example.com/.netlify/identity/account/#magiclink_token="), m.link());

        // a mail scanner fetches the link: the fragment never leaves it, and the page is only a page
        Http.Res scanned = browser().get(ID + "account/");
        assertEquals(200, scanned.status(), scanned.toString());
        assertTrue(scanned.body().contains("account.js"), scanned.toString());

        Http.Res in = verifyLink(m.token("magiclink_token"));
        assertEquals(200, in.status(), "the link still works after the scanner: " + in);
        assertTrue(Jwts.decodePayload(in.json().getString("access_token")).contains("\"method\":\"magiclink\""));
        assertEquals(403, verifyLink(m.token("magiclink_token")).status(), "a link works once");
        assertEquals(403, verifyCode(email, code(m)).status(), "the link spent the code mailed with it");
    }

    @Test
    void anExpiredCodeOrLinkIsRefused() {
        String email = uniqueEmail();
        newConfirmedUser(email);
        requestCode(email, false);
        Mailbox.Mail m = Mailbox.await(mail, email, 1);
        browser().postRaw("api/it/one-time-tokens/expire?email=" + email, "");

        assertEquals(403, verifyCode(email, code(m)).status());
        assertEquals(403, verifyLink(m.token("magiclink_token")).status());
    }

    @Test
    void guessesAtACodeAreLimitedPerAddressBeforeTheCodeIsChecked() {
        String email = uniqueEmail();
        newConfirmedUser(email);
        requestCode(email, false);
        String right = code(Mailbox.await(mail, email, 1));
        String wrong = right.equals("000000") ? "111111" : "000000";

        int status = 0;
        for (int i = 0; i < 12 && status != 429; i++) {
            status = verifyCode(email, wrong).status();
            assertTrue(status == 403 || status == 429, "a wrong code: " + status);
        }

        assertEquals(429, status, "guessing is stopped within a few tries");
        assertEquals(429, verifyCode(email, right).status(), "even the right code waits: the guess counts first");
    }

    @Test
    void anUnknownAddressIsAnsweredLikeAKnownOneAndGetsNoMailOrUser() {
        String unknown = uniqueEmail();
        String known = uniqueEmail();
        newConfirmedUser(known);

        Http.Res forUnknown = requestCode(unknown, false);
        Http.Res forKnown = requestCode(known, false);

        assertEquals(forKnown.status(), forUnknown.status());
        assertEquals(forKnown.body(), forUnknown.body());
        Mailbox.await(mail, known, 1);
        assertEquals(0, Mailbox.to(mail, unknown).size(), "no mail to an unknown address");
        assertEquals(0, usersWithEmail(unknown), "create_user false creates nobody");
        Http.Res probe = verifyCode(unknown, "123456");
        Http.Res wrong = verifyCode(known, "123456");
        assertEquals(wrong.status(), probe.status());
        assertEquals(wrong.body(), probe.body(), "a code for an unknown address fails like a wrong one");
    }

    @Test
    void aCodeSignInTakesOverASquattersUnprovenPasswordAndEndsItsSessions() {
        String email = uniqueEmail();
        attackerSignup(email); // autoconfirm: the squatter holds a session and a password nobody proved
        Http.Res squatter = browser()
                .postRaw(
                        ID + "token",
                        passwordGrant(email, PASSWORD),
                        "Content-Type",
                        "application/x-www-form-urlencoded");
        assertEquals(200, squatter.status(), squatter.toString());

        requestCode(email, false);
        Http.Res owner = verifyCode(email, code(Mailbox.await(mail, email, 1)));

        assertEquals(200, owner.status(), owner.toString());
        assertEquals("", passwordHash(email), "the squatter's password is gone");
        assertFalse(userMetadata(email).contains("Mallory"), "and the metadata it wrote: " + userMetadata(email));
        Http.Res refresh = useRefreshToken(squatter.json().getString("refresh_token"));
        assertNotEquals(200, refresh.status(), "the squatter's session ended: " + refresh);
        assertEquals(1, liveRefreshTokens(email), "only the owner's session lives");
    }

    @Test
    void badRequestsGetClearErrorsAndLeaveNothing() {
        String email = uniqueEmail();
        assertEquals(422, post("otp", "{}").status());
        assertEquals(422, post("otp", "{\"email\":\"not an address\"}").status());
        assertEquals(400, post("otp", "[1]").status());
        assertEquals(403, verifyCode(email, "12").status());
        assertEquals(403, verifyLink("x").status());
        assertEquals(0, usersWithEmail(email));
    }
}
