package io.nfidentity.impl.mail;

import io.nfidentity.IdentityException;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;

/**
 * Sends the flow mails over SMTP with Jakarta Mail (the server's implementation). Callers send inside the
 * transaction that stored the token, as its last step: if the mail cannot be sent, nothing of the action is kept and
 * the client gets 503, rather than a user waiting for a mail that never comes.
 */
public final class Mailer {
    private final IdentityConfig.Mail config;
    private final MailTemplates templates;
    private final Session session;
    private final java.util.function.Consumer<Boolean> outcomes;

    public Mailer(IdentityConfig.Mail config, MailTemplates templates) {
        this(config, templates, sent -> {});
    }

    /** @param outcomes told of every mail: taken by the mail server ({@code true}) or not */
    public Mailer(IdentityConfig.Mail config, MailTemplates templates, java.util.function.Consumer<Boolean> outcomes) {
        this.config = config;
        this.templates = templates;
        this.outcomes = outcomes;
        Properties props = new Properties();
        props.put("mail.smtp.host", config.smtp().host());
        props.put("mail.smtp.port", Integer.toString(config.smtp().port()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        if (config.smtp().startTls()) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        Authenticator auth = null;
        if (!config.smtp().username().isEmpty()) {
            props.put("mail.smtp.auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(
                            config.smtp().username(), config.smtp().password());
                }
            };
        }
        this.session = Session.getInstance(props, auth);
    }

    /**
     * The link a mail carries: the configured site, the configured path, and the token as the first key of the
     * fragment. Configuration only: a link built from a request header ({@code Host}, {@code Origin}) would let
     * whoever sends that header receive the victim's token.
     */
    public String link(MailKind kind, String token) {
        String path = kind == MailKind.MAGIC_LINK ? config.magicLink().path() : config.linkPath();
        return config.siteUrl() + path + "#" + kind.fragmentKey() + "=" + token;
    }

    /**
     * @param to the recipient
     * @param email the user's current address (for the templates)
     * @param newEmail the address an email change goes to, or {@code null}
     * @param token the token the link carries, or {@code null} for a notice without one
     * @param code a sign-in code, which {@code {{ .Token }}} shows in place of the link's token, or {@code null}
     * @throws IdentityException 503 {@code mail_unavailable} when the mail server does not take the mail
     */
    public void send(MailKind kind, String to, String email, String newEmail, String token, String code) {
        Map<String, String> values = Map.of(
                "ConfirmationURL",
                token == null ? config.siteUrl() : link(kind, token),
                "SiteURL",
                config.siteUrl(),
                "Email",
                email,
                "NewEmail",
                newEmail == null ? "" : newEmail,
                "Token",
                code != null ? code : token == null ? "" : token);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(config.from()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject(templates.subject(kind), "UTF-8");
            message.setText(templates.body(kind, values), "UTF-8", "html");
            Transport.send(message);
            outcomes.accept(true);
        } catch (MessagingException | RuntimeException e) {
            outcomes.accept(false);
            throw Problem.MAIL_UNAVAILABLE.exception(e);
        }
    }
}
