package io.nfidentity.impl.mail;

import io.nfidentity.impl.error.LogId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Subjects and bodies of the mails. Bodies use GoTrue's placeholders ({@code {{ .ConfirmationURL }}},
 * {@code {{ .SiteURL }}}, {@code {{ .Email }}}, {@code {{ .NewEmail }}}, {@code {{ .Token }}}), so templates written for
 * Netlify carry over. An application replaces them with {@code nf.identity.mail.<kind>.subject} and
 * {@code nf.identity.mail.<kind>.template} (a file path, or {@code classpath:} and a resource name).
 */
public final class MailTemplates {
    private final Map<MailKind, String> subjects = new EnumMap<>(MailKind.class);
    private final Map<MailKind, String> bodies = new EnumMap<>(MailKind.class);

    /**
     * Reads every subject and template once, at startup: a template that cannot be read stops the deployment with one
     * message naming each, instead of failing each mail later like an SMTP outage.
     *
     * @param config reads a full configuration key, such as {@code nf.identity.mail.recovery.subject}
     */
    public MailTemplates(Function<String, Optional<String>> config) {
        StringBuilder problems = new StringBuilder();
        for (MailKind kind : MailKind.values()) {
            subjects.put(
                    kind,
                    config.apply("nf.identity.mail." + kind.key() + ".subject").orElse(kind.defaultSubject()));
            String location = config.apply("nf.identity.mail." + kind.key() + ".template")
                    .orElse("classpath:io/nfidentity/impl/mail/" + kind.key() + ".html");
            try {
                bodies.put(kind, load(location));
            } catch (RuntimeException e) {
                problems.append("\n  - nf.identity.mail.")
                        .append(kind.key())
                        .append(".template: ")
                        .append(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    LogId.MAIL_TEMPLATE_UNREADABLE + ": mail templates cannot be read:" + problems);
        }
    }

    public String subject(MailKind kind) {
        return subjects.get(kind);
    }

    public String body(MailKind kind, Map<String, String> values) {
        return render(bodies.get(kind), values);
    }

    /** Replaces {@code {{ .Name }}} (spaces optional) with HTML-escaped values; unknown names become empty. */
    static String render(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int start = template.indexOf("{{", i);
            int end = start < 0 ? -1 : template.indexOf("}}", start);
            if (start < 0 || end < 0) {
                return out.append(template, i, template.length()).toString();
            }
            out.append(template, i, start);
            String name = template.substring(start + 2, end).trim();
            name = name.startsWith(".") ? name.substring(1) : name;
            out.append(escape(values.getOrDefault(name, "")));
            i = end + 2;
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String load(String location) {
        try {
            if (location.startsWith("classpath:")) {
                String name = location.substring("classpath:".length());
                ClassLoader tccl = Thread.currentThread().getContextClassLoader();
                InputStream in = tccl == null ? null : tccl.getResourceAsStream(name);
                if (in == null) {
                    in = MailTemplates.class.getClassLoader().getResourceAsStream(name);
                }
                if (in == null) {
                    throw new IllegalStateException("not found: " + location);
                }
                try (InputStream stream = in) {
                    return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(location), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location + " (" + e + ")", e);
        }
    }
}
