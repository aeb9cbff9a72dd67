package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.JsonObject;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The email flows end to end, with autoconfirm off (as on Netlify): the server sends real mail to GreenMail, the test
 * reads it, follows the token in the link and finishes the flow through the GoTrue API.
 */
class EmailFlowsIT extends HttpTestBase {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of("nf.identity.autoconfirm", "false"));
    }

    private Http.Res json(String method, String path, String body, String... headers) {
        return browser().send(method, ID + path, body, headers);
    }

    private Http.Res token(String form) {
        return browser().postRaw(ID + "token", form, "Content-Type", "application/x-www-form-urlencoded");
    }

    @Test
    void signupMailsAConfirmationLinkWhoseTokenConfirmsAndLogsIn() {
        String email = uniqueEmail();

        Http.Res signup = json("POST", "signup", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");

        assertEquals(200, signup.status(), signup.toString());
        assertTrue(signup.json().containsKey("confirmation_sent_at"), signup.toString());
        assertFalse(signup.json().containsKey("confirmed_at"), signup.toString());
        Mailbox.Mail m = Mailbox.await(mail, email, 1);
        assertEquals("Confirm Your Signup", m.subject(), m.toString());
        assertTrue(m.link().startsWith("https://site.example.com/#confirmation_token="), m.link());
        Http.Res early = token(passwordGrant(email, PASSWORD));
        assertEquals(400, early.status(), early.toString());
        assertEquals("Email not confirmed", early.json().getString("error_description"), early.toString());

        Http.Res verified =
                json("POST", "verify", "{\"type\":\"signup\",\"token\":\"" + m.token("confirmation_token") + "\"}");

        assertEquals(200, verified.status(), verified.toString());
        assertEquals("bearer", verified.json().getString("token_type"), verified.toString());
        assertTrue(
                Jwts.decodePayload(verified.json().getString("access_token")).contains("\"member\""),
                "UserSignup fired at confirmation: the sample's role is in the first token");
        assertEquals(200, token(passwordGrant(email, PASSWORD)).status(), "confirmed users log in");
        Http.Res again =
                json("POST", "verify", "{\"type\":\"signup\",\"token\":\"" + m.token("confirmation_token") + "\"}");
        assertEquals(404, again.status(), "a token works once: " + again);
    }

    @Test
    void facadeSignupWithoutAutoconfirmSetsNoCookiesAndMails() {
        String email = uniqueEmail();

        Http.Res r = http.postJson("api/signup", credentials(email, PASSWORD));

        assertEquals(200, r.status(), r.toString());
        assertFalse(r.json().getBoolean("confirmed"), r.toString());
        assertTrue(r.setCookies().isEmpty(), "no session before confirmation: " + r);
        assertEquals("Confirm Your Signup", Mailbox.await(mail, email, 1).subject());
    }

    @Test
    void resignupWithTheSamePasswordReplacesThePendingSignupAndVoidsItsLink() {
        String email = uniqueEmail();
        json("POST", "signup", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"data\":{\"a\":1}}");
        Mailbox.Mail first = Mailbox.await(mail, email, 1);

        Http.Res r = json(
                "POST", "signup", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"data\":{\"b\":2}}");

        assertEquals(200, r.status(), r.toString());
        assertEquals("{\"b\":2}", r.json().getJsonObject("user_metadata").toString(), "replaced, not merged: " + r);
        assertEquals(1, usersWithEmail(email));
        Mailbox.Mail second = Mailbox.await(mail, email, 2);
        Http.Res old =
                json("POST", "verify", "{\"type\":\"signup\",\"token\":\"" + first.token("confirmation_token") + "\"}");
        assertEquals(404, old.status(), "the earlier link is void: " + old);
        Http.Res ok = json(
                "POST", "verify", "{\"type\":\"signup\",\"token\":\"" + second.token("confirmation_token") + "\"}");
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(200, token(passwordGrant(email, PASSWORD)).status(), "the same password twice is no contest");
    }

    @Test
    void signingUpAPendingAddressAgainAndAgainMailsItOnceMorePerResendIntervalWhoeverAsks() throws Exception {
        String email = uniqueEmail();
        json("POST", "signup", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        Mailbox.await(mail, email, 1);

        for (int i = 0; i < 6; i++) {
            Http.Res again =
                    json("POST", "signup", "{\"email\":\"" + email + "\",\"password\":\"another password " + i + "\"}");
            assertEquals(200, again.status(), "every signup answers alike: " + again);
        }

        Mailbox.await(mail, email, 2);
        // mails go out after commit, off the request thread: give a third one time to arrive, bounded
        java.time.Instant until = java.time.Instant.now().plusSeconds(3);
        while (java.time.Instant.now().isBefore(until)
                && Mailbox.to(mail, email).size() == 2) {
            mail.waitForIncomingEmail(200, 3);
        }
        assertEquals(2, Mailbox.to(mail, email).size(), "the first mail and one more, not one per signup");
        assertEquals(1, usersWithEmail(email));
    }

    @Test
    void recoveryMailLogsInAndThePasswordCanBeChanged() {
        String email = confirmedUser();

        Http.Res r = json("POST", "recover", "{\"email\":\"" + email + "\"}");

        assertEquals(200, r.status(), r.toString());
        assertEquals("{}", r.body().trim());
        Mailbox.Mail m = Mailbox.await(mail, email, 2);
        assertEquals("Reset Your Password", m.subject());
        Http.Res tooSoon = json("POST", "recover", "{\"email\":\"" + email + "\"}");
        assertEquals(200, tooSoon.status(), "the same answer as for any address: " + tooSoon);
        assertEquals("{}", tooSoon.body().trim(), tooSoon.toString());
        Http.Res verified =
                json("POST", "verify", "{\"type\":\"recovery\",\"token\":\"" + m.token("recovery_token") + "\"}");
        assertEquals(200, verified.status(), verified.toString());
        String bearer = "Bearer " + verified.json().getString("access_token");
        Http.Res changed = json("PUT", "user", "{\"password\":\"my new password 2\"}", "Authorization", bearer);
        assertEquals(200, changed.status(), changed.toString());
        assertEquals(200, token(passwordGrant(email, "my new password 2")).status(), "the new password works");
        assertEquals(400, token(passwordGrant(email, PASSWORD)).status(), "the old one does not");
        Mailbox.Mail notice = Mailbox.await(mail, email, 3);
        assertEquals(
                "Your password was changed", notice.subject(), "one recovery mail within 15 minutes, then the notice");
        assertFalse(notice.body().contains("_token="), "a notice carries no token: " + notice.body());
    }

    @Test
    void recoverForAnUnknownEmailAnswersTheSameAndSendsNothing() {
        String email = uniqueEmail();

        Http.Res r = json("POST", "recover", "{\"email\":\"" + email + "\"}");

        assertEquals(200, r.status(), r.toString());
        assertEquals("{}", r.body().trim());
        assertEquals(0, Mailbox.to(mail, email).size());
        assertEquals(422, json("POST", "recover", "{}").status(), "an email is required");
    }

    @Test
    void inviteRequiresAPasswordBeforeTheTokenIsSpent() {
        String email = uniqueEmail();

        Http.Res invited = json(
                "POST",
                "invite",
                "{\"email\":\"" + email + "\",\"data\":{\"full_name\":\"Guest\"}}",
                "Authorization",
                OPERATOR);

        assertEquals(200, invited.status(), invited.toString());
        assertTrue(invited.json().containsKey("invited_at"), invited.toString());
        Mailbox.Mail m = Mailbox.await(mail, email, 1);
        assertEquals("You have been invited", m.subject());
        String tokenValue = m.token("invite_token");
        Http.Res noPassword = json("POST", "verify", "{\"type\":\"signup\",\"token\":\"" + tokenValue + "\"}");
        assertEquals(422, noPassword.status(), noPassword.toString());
        assertEquals("Invited users must specify a password", noPassword.json().getString("msg"));
        Http.Res accepted = json(
                "POST",
                "verify",
                "{\"type\":\"signup\",\"token\":\"" + tokenValue + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, accepted.status(), "the token survived the failed attempt: " + accepted);
        assertEquals(200, token(passwordGrant(email, PASSWORD)).status(), "the invited user logs in");
        assertEquals(
                401,
                json("POST", "invite", "{\"email\":\"" + uniqueEmail() + "\"}").status(),
                "invite is for administrators");
        assertEquals(
                422,
                json("POST", "invite", "{\"email\":\"" + email + "\"}", "Authorization", OPERATOR)
                        .status(),
                "address taken");
    }

    @Test
    void emailChangeIsConfirmedFromTheNewAddress() {
        String email = confirmedUser();
        String bearer = "Bearer " + token(passwordGrant(email, PASSWORD)).json().getString("access_token");
        String newEmail = uniqueEmail();

        Http.Res r = json("PUT", "user", "{\"email\":\"" + newEmail + "\"}", "Authorization", bearer);

        assertEquals(200, r.status(), r.toString());
        assertEquals(newEmail, r.json().getString("new_email"), r.toString());
        assertEquals(email, r.json().getString("email"), "not changed before confirmation: " + r);
        Mailbox.Mail m = Mailbox.await(mail, newEmail, 1);
        assertEquals("Confirm Email Change", m.subject());
        Http.Res wrong =
                json("PUT", "user", "{\"email_change_token\":\"not-the-token-0123456789\"}", "Authorization", bearer);
        assertEquals(401, wrong.status(), wrong.toString());
        Http.Res done = json(
                "PUT",
                "user",
                "{\"email_change_token\":\"" + m.token("email_change_token") + "\"}",
                "Authorization",
                bearer);
        assertEquals(200, done.status(), done.toString());
        assertEquals(newEmail, done.json().getString("email"), done.toString());
        assertFalse(done.json().containsKey("new_email"), done.toString());
        assertEquals(200, token(passwordGrant(newEmail, PASSWORD)).status(), "logs in with the new address");
        Mailbox.Mail told = Mailbox.await(mail, email, 2);
        assertEquals("Your email address was changed", told.subject(), "the old address is told: " + told);
        assertTrue(told.body().contains(newEmail), told.body());
    }

    @Test
    void expiredTokenIsRefusedWithAClearError() {
        String email = uniqueEmail();
        json("POST", "signup", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        Mailbox.Mail m = Mailbox.await(mail, email, 1);
        browser().postRaw("api/it/one-time-tokens/expire?email=" + email, "");

        Http.Res r =
                json("POST", "verify", "{\"type\":\"signup\",\"token\":\"" + m.token("confirmation_token") + "\"}");

        assertEquals(422, r.status(), r.toString());
        assertEquals("token_expired", r.json().getString("error_code"), r.toString());
        assertEquals(400, token(passwordGrant(email, PASSWORD)).status(), "still unconfirmed");
    }

    @Test
    void verifyWithMissingOrUnknownTokenIsRefused() {
        assertEquals(422, json("POST", "verify", "{\"type\":\"signup\"}").status());
        assertEquals(422, json("POST", "verify", "{\"token\":\"abc\"}").status());
        assertEquals(
                422,
                json("POST", "verify", "{\"type\":\"magic\",\"token\":\"abc\"}").status());
        assertEquals(
                404,
                json("POST", "verify", "{\"type\":\"signup\",\"token\":\"no-such-token-0123\"}")
                        .status());
    }

    @Test
    void signupOfAConfirmedAddressLooksLikeANewSignupAndNotifiesTheOwner() {
        String email = confirmedUser();
        Http.Res fresh =
                json("POST", "signup", "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + PASSWORD + "\"}");

        Http.Res again = json("POST", "signup", "{\"email\":\"" + email + "\",\"password\":\"someone else's pw\"}");

        assertEquals(200, again.status(), "no 400 that would reveal the address: " + again);
        assertEquals(fresh.json().keySet(), again.json().keySet(), "the same fields as a new signup: " + again);
        assertFalse(again.json().containsKey("confirmed_at"), again.toString());
        String realId = json(
                        "GET",
                        "user",
                        null,
                        "Authorization",
                        "Bearer " + token(passwordGrant(email, PASSWORD)).json().getString("access_token"))
                .json()
                .getString("id");
        assertFalse(realId.equals(again.json().getString("id")), "the answer does not disclose the real user");
        Mailbox.Mail notice = Mailbox.await(mail, email, 2);
        assertEquals("Someone tried to sign up with your address", notice.subject(), "the owner is told instead");
        assertEquals(200, token(passwordGrant(email, PASSWORD)).status(), "the account is unchanged");
        assertEquals(
                400,
                token(passwordGrant(email, "someone else's pw")).status(),
                "the second signup's password was not stored");
    }

    /** Signs up through the API and confirms from the mail; returns the address. */
    private String confirmedUser() {
        String email = uniqueEmail();
        json("POST", "signup", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        Mailbox.Mail m = Mailbox.await(mail, email, 1);
        JsonObject v = json(
                        "POST", "verify", "{\"type\":\"signup\",\"token\":\"" + m.token("confirmation_token") + "\"}")
                .json();
        assertTrue(v.containsKey("access_token"), v.toString());
        return email;
    }
}
