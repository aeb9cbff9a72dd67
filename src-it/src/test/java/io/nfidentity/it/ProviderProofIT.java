package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pre-hijacking through a provider with autoconfirm off (as on Netlify): an attacker signs up the owner's address
 * first and never confirms it; when the owner signs in through a provider that verified the address, the owner gets
 * the account and the attacker's password counts for nothing. A signup that its owner confirmed by the mailed link
 * keeps its password. Both against the real Keycloak; the attacker's requests go to the running server.
 */
@EnabledIf(value = Keycloak.FOUND, disabledReason = Keycloak.NOT_FOUND)
class ProviderProofIT extends HttpTestBase {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Deployment(testable = false)
    static Archive<?> deployment() {
        var settings = Keycloak.get().providerSettings();
        settings.put("nf.identity.external.redirect-uri", "http://127.0.0.1:8080/.netlify/identity/callback");
        settings.put("nf.identity.autoconfirm", "false");
        return Deployments.sample(settings);
    }

    private static final String NOTICE = "A new way to sign in was added to your account";

    @Test
    void aPendingSignupIsTakenOverByTheProviderSignInAndItsPasswordNeverWorks() {
        String email = "pat.kc@it.example.com";
        attackerSignup(email);
        Mailbox.Mail confirmation = Mailbox.await(mail, email, 1);

        Http.Res done = ExternalSignInIT.signIn(browser(), "pat", "kc-password-pat-1", "");

        var fragment = ExternalSignInIT.fragment(done);
        assertFalse(fragment.containsKey("error"), "the owner signs in (it was refused before): " + done);
        JsonObject user = userOf(fragment.get("access_token"));
        assertEquals(email, user.getString("email"));
        assertFalse(user.isNull("confirmed_at"), "the provider's verification confirmed the address");
        assertFalse(user.getJsonObject("user_metadata").containsKey("full_name"), "the attacker's metadata is gone");
        assertEquals("", passwordHash(email), "the pending password is gone");
        assertEquals(400, passwordLogin(browser(), email, PASSWORD).status(), "and does not log in");
        Http.Res verify = browser()
                .send(
                        "POST",
                        ID + "verify",
                        "{\"type\":\"signup\",\"token\":\"" + confirmation.token("confirmation_token") + "\"}");
        assertEquals(404, verify.status(), "the pending signup's link is void: " + verify);
        assertEquals(NOTICE, Mailbox.await(mail, email, 2).subject());
    }

    @Test
    void aSignupConfirmedByItsOwnersMailedLinkKeepsItsPasswordWhenAProviderIsLinked() {
        String email = "carl.kc@it.example.com";
        Http.Res signup = browser().send("POST", ID + "signup", credentials(email, PASSWORD));
        assertEquals(200, signup.status(), signup.toString());
        Http.Res confirmed = browser()
                .send(
                        "POST",
                        ID + "verify",
                        "{\"type\":\"signup\",\"token\":\""
                                + Mailbox.await(mail, email, 1).token("confirmation_token") + "\"}");
        assertEquals(200, confirmed.status(), confirmed.toString());
        String refresh = confirmed.json().getString("refresh_token");

        JsonObject user =
                userOf(ExternalSignInIT.fragment(ExternalSignInIT.signIn(browser(), "carl", "kc-password-carl-1", ""))
                        .get("access_token"));

        assertEquals(signup.json().getString("id"), user.getString("id"), "linked to the same account");
        assertEquals(200, passwordLogin(browser(), email, PASSWORD).status(), "the proven password stays");
        Http.Res refreshed = browser()
                .postRaw(
                        ID + "token",
                        "grant_type=refresh_token&refresh_token=" + refresh,
                        "Content-Type",
                        "application/x-www-form-urlencoded");
        assertEquals(200, refreshed.status(), "and so does the owner's other session: " + refreshed);
        assertEquals(NOTICE, Mailbox.await(mail, email, 2).subject(), "the owner is told all the same");
    }
}
