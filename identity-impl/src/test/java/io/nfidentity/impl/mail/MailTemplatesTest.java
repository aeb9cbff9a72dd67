package io.nfidentity.impl.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {
    @Test
    void everyKindHasABuiltInSubjectAndBody() {
        MailTemplates t = new MailTemplates(key -> Optional.empty());
        for (MailKind kind : MailKind.values()) {
            assertEquals(kind.defaultSubject(), t.subject(kind));
            assertTrue(t.body(kind, Map.of("SiteURL", "https://x.example")).contains("<"), kind + " has a body");
        }
    }

    @Test
    void placeholdersAreFilledAndEscaped() {
        assertEquals(
                "<a href=\"https://x.example/#t=1&amp;2\">&lt;b&gt;</a>",
                MailTemplates.render(
                        "<a href=\"{{ .ConfirmationURL }}\">{{.Email}}</a>",
                        Map.of("ConfirmationURL", "https://x.example/#t=1&2", "Email", "<b>")));
        assertEquals("[]", MailTemplates.render("[{{ .Unknown }}]", Map.of()), "unknown names become empty");
    }

    @Test
    void configuredSubjectsAndTemplatesAreReadOnceAtStartup() {
        Map<String, String> config = Map.of(
                "nf.identity.mail.recovery.subject", "Forgot it?",
                "nf.identity.mail.recovery.template", "classpath:io/nfidentity/impl/mail/invite.html");
        MailTemplates t = new MailTemplates(key -> Optional.ofNullable(config.get(key)));
        assertEquals("Forgot it?", t.subject(MailKind.RECOVERY));
        assertEquals(
                new MailTemplates(key -> Optional.empty()).body(MailKind.INVITE, Map.of()),
                t.body(MailKind.RECOVERY, Map.of()));
    }

    @Test
    void anUnreadableTemplateStopsStartupNamingEveryBadKey() {
        Map<String, String> config = Map.of(
                "nf.identity.mail.recovery.template", "/no/such/file.html",
                "nf.identity.mail.invite.template", "classpath:no/such/resource.html");
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> new MailTemplates(key -> Optional.ofNullable(config.get(key))));
        assertTrue(e.getMessage().startsWith("NFID0031"), e.getMessage());
        assertTrue(e.getMessage().contains("nf.identity.mail.recovery.template"), e.getMessage());
        assertTrue(e.getMessage().contains("nf.identity.mail.invite.template"), e.getMessage());
    }
}
