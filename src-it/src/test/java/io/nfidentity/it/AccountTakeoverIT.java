package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The account-takeover paths of the security review, each performed against the running server as an attacker would,
 * with autoconfirm off (the default): mail links steered by a forged {@code Host}, account pre-hijacking by an
 * earlier or later signup, and address enumeration through recovery and email changes.
 */
class AccountTakeoverIT extends HttpTestBase {
    static final String SITE = "https://site.example.com/";
    static final String ATTACKER_PW = "attacker's password A";
    static final String VICTIM_PW = "victim's password B";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    /**
     * The Host check is off here, as behind a proxy that rewrites {@code Host}: these tests prove that mailed links
     * ignore a forged {@code Host} even when it reaches the server. {@link HostCheckIT} tests the check itself.
     */
    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of("nf.identity.autoconfirm", "false", "nf.identity.host-check", "false"));
    }

    private Http.Res json(String method, String path, String body, String... headers) {
        return browser().send(method, ID + path, body, headers);
    }

    private Http.Res signup(String email, String password, String dataJson) {
        return json(
                "POST",
                "signup",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"data\":" + dataJson + "}");
    }

    private Http.Res confirm(Mailbox.Mail m) {
        return json("POST", "verify", "{\"type\":\"signup\",\"token\":\"" + m.token("confirmation_token") + "\"}");
    }

    private int login(String email, String password) {
        return browser()
                .postRaw(
                        ID + "token",
                        passwordGrant(email, password),
                        "Content-Type",
                        "application/x-www-form-urlencoded")
                .status();
    }

    private String confirmedUser() {
        String email = uniqueEmail();
        signup(email, PASSWORD, "{}");
        assertEquals(200, confirm(Mailbox.await(mail, email, 1)).status());
        return email;
    }

    private static String[] forgedHeaders() {
        return new String[] {
            "Host: attacker.example",
            "X-Forwarded-Host: attacker.example",
            "Origin: https://attacker.example",
            "Content-Type: application/json"
        };
    }

    private static void assertLinkFromConfiguration(Mailbox.Mail m) {
        assertTrue(m.link().startsWith(SITE + "#"), "the link points to nf.identity.site-url: " + m.link());
        assertFalse(m.body().contains("attacker.example"), "nothing of the forged headers is in the mail: " + m.body());
    }

    // ---- 1. Mail links follow the Host header ----

    @Test
    void recoveryConfirmationInviteAndEmailChangeLinksIgnoreAForgedHost() {
        String victim = confirmedUser();
        RawHttp.Res recover =
                RawHttp.send(base, "POST", ID + "recover", "{\"email\":\"" + victim + "\"}", forgedHeaders());
        assertEquals(200, recover.status(), recover.toString());
        assertLinkFromConfiguration(Mailbox.await(mail, victim, 2));

        String newcomer = uniqueEmail();
        RawHttp.Res signup = RawHttp.send(
                base,
                "POST",
                ID + "signup",
                "{\"email\":\"" + newcomer + "\",\"password\":\"" + PASSWORD + "\"}",
                forgedHeaders());
        assertEquals(200, signup.status(), signup.toString());
        assertLinkFromConfiguration(Mailbox.await(mail, newcomer, 1));

        String invitee = uniqueEmail();
        String[] asOperator = List.of(forgedHeaders()).toArray(new String[5]);
        asOperator[4] = "Authorization: " + OPERATOR;
        RawHttp.Res invite = RawHttp.send(base, "POST", ID + "invite", "{\"email\":\"" + invitee + "\"}", asOperator);
        assertEquals(200, invite.status(), invite.toString());
        assertLinkFromConfiguration(Mailbox.await(mail, invitee, 1));

        String bearer = "Bearer "
                + browser()
                        .postRaw(
                                ID + "token",
                                passwordGrant(victim, PASSWORD),
                                "Content-Type",
                                "application/x-www-form-urlencoded")
                        .json()
                        .getString("access_token");
        String moved = uniqueEmail();
        String[] asUser = List.of(forgedHeaders()).toArray(new String[5]);
        asUser[4] = "Authorization: " + bearer;
        RawHttp.Res change = RawHttp.send(base, "PUT", ID + "user", "{\"email\":\"" + moved + "\"}", asUser);
        assertEquals(200, change.status(), change.toString());
        assertLinkFromConfiguration(Mailbox.await(mail, moved, 1));
    }

    // ---- 2. Account pre-hijacking, in every order ----

    @Test
    void attackerSignsUpFirst_victimsConfirmationKeepsNothingTheAttackerSet() {
        String victim = uniqueEmail();
        assertEquals(
                200, signup(victim, ATTACKER_PW, "{\"full_name\":\"Mallory\"}").status());
        Mailbox.Mail attackers = Mailbox.await(mail, victim, 1);

        Http.Res victimsSignup = signup(victim, VICTIM_PW, "{\"full_name\":\"Victor\"}");
        assertEquals(200, victimsSignup.status(), "the victim's signup is an ordinary one: " + victimsSignup);
        Mailbox.Mail victims = Mailbox.await(mail, victim, 2);

        assertEquals(404, confirm(attackers).status(), "the attacker's link died with the newer signup");
        Http.Res confirmed = confirm(victims);
        assertEquals(200, confirmed.status(), "the mailbox owner is logged in by the link: " + confirmed);
        assertEquals(400, login(victim, ATTACKER_PW), "the attacker's password must not work");
        assertFalse(userMetadata(victim).contains("Mallory"), "nothing the attacker set survives");
        assertEquals(1, usersWithEmail(victim));
    }

    @Test
    void attackerSignsUpLast_whicheverLinkTheVictimClicksTheAttackerGetsNothing() {
        String victim = uniqueEmail();
        signup(victim, VICTIM_PW, "{\"full_name\":\"Victor\"}");
        Mailbox.Mail victims = Mailbox.await(mail, victim, 1);
        signup(victim, ATTACKER_PW, "{\"full_name\":\"Mallory\"}");
        Mailbox.Mail attackers = Mailbox.await(mail, victim, 2);

        assertEquals(404, confirm(victims).status(), "only the newest link works");
        Http.Res confirmed = confirm(attackers); // the newest mail in the victim's inbox, sent by the attacker's signup
        assertEquals(200, confirmed.status(), confirmed.toString());
        assertEquals(400, login(victim, ATTACKER_PW), "the attacker's password must not work");
        assertFalse(userMetadata(victim).contains("Mallory"), "nor the attacker's data");
        assertEquals("", passwordHash(victim), "the owner, logged in, sets a password");
        String bearer = "Bearer " + confirmed.json().getString("access_token");
        assertEquals(
                200,
                json("PUT", "user", "{\"password\":\"" + VICTIM_PW + "\"}", "Authorization", bearer)
                        .status());
        assertEquals(200, login(victim, VICTIM_PW), "and it is the only one that works");
        assertEquals(400, login(victim, ATTACKER_PW));
    }

    @Test
    void attackerSignsUpBetweenTheVictimsSignupAndClick_andAgainAfterIt() {
        String victim = uniqueEmail();
        signup(victim, VICTIM_PW, "{}");
        Mailbox.await(mail, victim, 1);
        signup(victim, ATTACKER_PW, "{\"full_name\":\"Mallory\"}");
        Mailbox.Mail latest = Mailbox.await(mail, victim, 2);
        assertEquals(200, confirm(latest).status());

        Http.Res after = signup(victim, "attacker's password C", "{\"full_name\":\"Mallory again\"}");
        assertEquals(200, after.status(), "looks like a new signup: " + after);

        assertEquals(400, login(victim, ATTACKER_PW));
        assertEquals(400, login(victim, "attacker's password C"), "a confirmed account is never re-signed up");
        assertFalse(userMetadata(victim).contains("Mallory"), "nothing of either survives");
        assertEquals(
                "Someone tried to sign up with your address",
                Mailbox.await(mail, victim, 3).subject(),
                "the owner is told instead");
    }

    @Test
    void recoveryOfAnUnconfirmedSignupDropsThePasswordThatSignupSet() {
        String victim = uniqueEmail();
        signup(victim, ATTACKER_PW, "{\"full_name\":\"Mallory\"}");
        Mailbox.await(mail, victim, 1);

        json("POST", "recover", "{\"email\":\"" + victim + "\"}");
        Mailbox.Mail recovery = Mailbox.await(mail, victim, 2);
        Http.Res in = json(
                "POST", "verify", "{\"type\":\"recovery\",\"token\":\"" + recovery.token("recovery_token") + "\"}");

        assertEquals(200, in.status(), in.toString());
        assertEquals(400, login(victim, ATTACKER_PW), "the owner proved the mailbox; the pending password is gone");
        assertFalse(userMetadata(victim).contains("Mallory"));
    }

    // ---- 7. Enumeration ----

    @Test
    void recoverAnswersTheSameTwiceForARegisteredAndAnUnknownAddress() {
        String registered = confirmedUser();
        String unknown = uniqueEmail();
        for (String email : List.of(registered, unknown)) {
            for (int i = 0; i < 2; i++) {
                Http.Res r = json("POST", "recover", "{\"email\":\"" + email + "\"}");
                assertEquals(200, r.status(), "attempt " + i + " for " + email + ": " + r);
                assertEquals("{}", r.body().trim(), r.toString());
            }
        }
        Mailbox.await(mail, registered, 2); // mails go out after commit, off the request thread
        assertEquals(2, Mailbox.to(mail, registered).size(), "confirmation, then one recovery mail per interval");
        assertEquals(0, Mailbox.to(mail, unknown).size());
    }

    @Test
    void aLookAlikeAddressWhoseLowerCaseIsAnotherUsersReachesNoAccount() throws Exception {
        // the Kelvin sign lower-cases to "k": the look-alike was the key of the real address
        String kim = "k" + uniqueEmail();
        signup(kim, PASSWORD, "{}");
        assertEquals(200, confirm(Mailbox.await(mail, kim, 1)).status());
        String lookAlike = "\u212A" + kim.substring(1);

        Http.Res signup = json("POST", "signup", credentials(lookAlike, PASSWORD));
        assertEquals(422, signup.status(), "refused, not matched to " + kim + ": " + signup);
        Http.Res recover = json("POST", "recover", "{\"email\":\"" + lookAlike + "\"}");
        assertEquals(200, recover.status(), recover.toString());
        Http.Res login = browser()
                .postRaw(
                        ID + "token",
                        passwordGrant(lookAlike, PASSWORD),
                        "Content-Type",
                        "application/x-www-form-urlencoded");
        assertEquals(400, login.status(), "the look-alike logs in to nobody: " + login);
        int before = Mailbox.to(mail, kim).size();
        java.time.Instant until = java.time.Instant.now().plusSeconds(2);
        while (java.time.Instant.now().isBefore(until) && Mailbox.to(mail, kim).size() == before) {
            mail.waitForIncomingEmail(200, before + 1);
        }
        assertEquals(
                before, Mailbox.to(mail, kim).size(), "no recovery mail reaches the real owner from the look-alike");
    }

    @Test
    void emailChangeToATakenAddressAnswersLikeAFreeOneAndTellsItsOwner() {
        String owner = confirmedUser();
        String prober = confirmedUser();
        String probersOther = confirmedUser();
        String free = uniqueEmail();

        Http.Res taken = changeEmail(prober, owner);
        Http.Res untaken = changeEmail(probersOther, free);

        assertEquals(200, taken.status(), "no 422 email_exists: " + taken);
        assertEquals(untaken.json().keySet(), taken.json().keySet(), "the same fields either way");
        assertEquals(owner, taken.json().getString("new_email"), taken.toString());
        Mailbox.Mail notice = Mailbox.await(mail, owner, 2);
        assertEquals("Someone tried to use your address", notice.subject(), notice.toString());
        assertFalse(notice.body().contains("_token="), "the owner gets a notice, not a link");
        assertEquals("Confirm Email Change", Mailbox.await(mail, free, 1).subject());
        assertEquals(200, login(prober, PASSWORD), "the prober's account is unchanged");
    }

    private Http.Res changeEmail(String email, String to) {
        String bearer = "Bearer "
                + browser()
                        .postRaw(
                                ID + "token",
                                passwordGrant(email, PASSWORD),
                                "Content-Type",
                                "application/x-www-form-urlencoded")
                        .json()
                        .getString("access_token");
        return json("PUT", "user", "{\"email\":\"" + to + "\"}", "Authorization", bearer);
    }
}
