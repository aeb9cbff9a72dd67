package io.nfidentity.impl.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.nfidentity.UserNotFoundException;
import io.nfidentity.impl.DirectEvent;
import io.nfidentity.impl.HandClock;
import io.nfidentity.impl.TestConfig;
import io.nfidentity.impl.TestWiring;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.lifecycle.NewUsers;
import io.nfidentity.impl.mail.LinkMails;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.mail.MailTemplates;
import io.nfidentity.impl.mail.Mailer;
import io.nfidentity.impl.mail.Notices;
import io.nfidentity.impl.signup.SignupWrites;
import io.nfidentity.impl.store.OneTimeTokenStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mailed links' rules on an embedded database and a real in-process SMTP server: a pending signup is replaced,
 * not merged ({@link SignupWrites}); a contested one confirms without anyone's password; recovery says nothing it
 * should not ({@link LinkWrites}).
 */
class LinkWritesTest {
    private static final Pattern TOKEN = Pattern.compile("_token=([A-Za-z0-9_-]+)");

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final HandClock clock = new HandClock(Instant.parse("2026-12-01T10:00:00Z"));
    private IdentityConfig config;
    private UserStore users;

    private io.nfidentity.impl.store.AuditStore audit;
    private SignupWrites signups;
    private LinkWrites links;
    private NewUsers newUsers;

    @BeforeEach
    void wire() {
        config = TestConfig.with(
                "smtp.host",
                "127.0.0.1",
                "smtp.port",
                Integer.toString(smtp.getSmtp().getPort()));
        TestWiring w = new TestWiring(config, clock);
        users = w.users;
        audit = w.auditStore;
        Mailer mailer = new Mailer(config.mail(), new MailTemplates(key -> Optional.empty()));
        DirectEvent<Notices.Queued> queued = new DirectEvent<>();
        Notices notices = new Notices(queued, new DirectEvent<>(), mailer);
        queued.observe(mail -> notices.send(new Notices.Due(mail, 1))); // "after commit": there is no transaction
        OneTimeTokenStore mailed = new OneTimeTokenStore(w.ds);
        LinkMails mails =
                new LinkMails(config, mailed, notices, new io.nfidentity.impl.limit.Limiters(null, null, null));
        signups = new SignupWrites(clock, users, w.creation, w.sessionWrites, mails);
        links = new LinkWrites(clock, users, mails, w.creation, w.sessionWrites, w.audit);
        newUsers = new NewUsers(config, clock);
    }

    private UserRow signup(String email, String passwordHash, Map<String, Object> data) {
        return newUsers.row(email, passwordHash, data, false, List.of());
    }

    private String lastToken(String email) throws Exception {
        MimeMessage[] all = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipients(m).contains(email))
                .toArray(MimeMessage[]::new);
        Matcher m = TOKEN.matcher(GreenMailUtil.getBody(all[all.length - 1]).replace("=\r\n", ""));
        assertTrue(m.find(), "a link in the last mail to " + email);
        return m.group(1);
    }

    private static String recipients(MimeMessage m) {
        try {
            return GreenMailUtil.getAddressList(m.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static final Set<MailKind> SIGNUP = Set.of(MailKind.CONFIRMATION, MailKind.INVITE);

    @Test
    void aContestedSignupConfirmsWithNobodysPasswordOrMetadata() throws Exception {
        UserRow attackers =
                signups.createUnconfirmed(signup("v@example.com", "hash-A", Map.of("full_name", "Mallory")));
        String attackersLink = lastToken("v@example.com");

        UserRow victims = signups.resignup(attackers, signup("v@example.com", "hash-B", Map.of()), true);
        String victimsLink = lastToken("v@example.com");

        assertNotEquals(attackers.id(), victims.id(), "replaced whole: a new id");
        assertThrows(UserNotFoundException.class, () -> links.verify(attackersLink, SIGNUP, null), "voided");
        links.verify(victimsLink, SIGNUP, null);
        UserRow confirmed = users.findByEmail("v@example.com").orElseThrow();
        assertTrue(confirmed.confirmedAt() != null);
        assertNull(confirmed.encryptedPassword(), "contested: neither signup's password");
        assertEquals(Map.of(), confirmed.userMetadata(), "nor its metadata");
    }

    @Test
    void theSameSignupTwiceIsNoContestAndKeepsItsPassword() throws Exception {
        UserRow first = signups.createUnconfirmed(signup("s@example.com", "hash-S", Map.of()));
        signups.resignup(first, signup("s@example.com", "hash-S2", Map.of("nickname", "s")), false);

        links.verify(lastToken("s@example.com"), SIGNUP, null);

        UserRow confirmed = users.findByEmail("s@example.com").orElseThrow();
        assertEquals("hash-S2", confirmed.encryptedPassword(), "the newest signup's password");
        assertEquals(Map.of("nickname", "s"), confirmed.userMetadata(), "replaced, not merged");
    }

    @Test
    void aRecoveryLinkThatConfirmsAPendingSignupDropsItsPassword() throws Exception {
        signups.createUnconfirmed(signup("r@example.com", "hash-A", Map.of("full_name", "Mallory")));
        links.recover("r@example.com");

        links.verify(lastToken("r@example.com"), Set.of(MailKind.RECOVERY), null);

        UserRow confirmed = users.findByEmail("r@example.com").orElseThrow();
        assertNull(confirmed.encryptedPassword());
        assertFalse(confirmed.userMetadata().containsKey("full_name"));
    }

    @Test
    void recoveryWithinTheResendIntervalSendsNothingAndSaysNothing() {
        signups.createUnconfirmed(signup("q@example.com", "hash", Map.of()));
        links.recover("q@example.com");
        int mails = smtp.getReceivedMessages().length;

        links.recover("q@example.com"); // no 429: an unknown address would not get one either
        links.recover("nobody@example.com");

        assertEquals(mails, smtp.getReceivedMessages().length, "no second recovery mail, none to unknown addresses");
    }
}
