package io.nfidentity.it;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the server really sent to GreenMail, by recipient; waits (bounded) for mail to arrive. */
final class Mailbox {
    private static final Pattern LINK = Pattern.compile("href=\"([^\"]+)\"");

    private Mailbox() {}

    /** One received mail: its subject, body, and the link it carries. */
    record Mail(String subject, String body, String link) {
        /** The token of the first fragment key, e.g. {@code confirmation_token}. */
        String token(String fragmentKey) {
            Matcher m =
                    Pattern.compile("#" + fragmentKey + "=([A-Za-z0-9_-]+)$").matcher(link);
            if (!m.find()) {
                throw new AssertionError("no " + fragmentKey + " first in the fragment of " + link);
            }
            return m.group(1);
        }
    }

    static List<Mail> to(GreenMailOperations mail, String recipient) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipients(m).contains(recipient.toLowerCase()))
                .map(Mailbox::read)
                .toList();
    }

    static Mail await(GreenMailOperations mail, String recipient, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        List<Mail> got = to(mail, recipient);
        while (got.size() < count && Instant.now().isBefore(deadline)) {
            mail.waitForIncomingEmail(200, 1);
            got = to(mail, recipient);
        }
        if (got.size() < count) {
            throw new AssertionError("expected " + count + " mail(s) to " + recipient + ", got " + got);
        }
        return got.get(count - 1);
    }

    private static String recipients(MimeMessage m) {
        try {
            return Arrays.toString(m.getRecipients(Message.RecipientType.TO)).toLowerCase();
        } catch (Exception e) {
            return "";
        }
    }

    private static Mail read(MimeMessage m) {
        try {
            String body = GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
            Matcher link = LINK.matcher(body);
            return new Mail(m.getSubject(), body, link.find() ? link.group(1).replace("&amp;", "&") : "");
        } catch (Exception e) {
            throw new AssertionError("unreadable mail", e);
        }
    }
}
