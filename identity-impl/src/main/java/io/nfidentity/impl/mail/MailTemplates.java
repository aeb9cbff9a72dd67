package io.nfidentity.impl.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final Function<String, Optional<String>> config;

    /** @param config reads a full configuration key, such as {@code nf.identity.mail.recovery.subject} */
    public MailTemplates(Function<String, Optional<String>> config) {
        this.config = config;
    }

    public String subject(MailKind kind) {
        return config.apply("nf.identity.mail." + kind.key() + ".subject").orElse(kind.defaultSubject());
    }

    public String body(MailKind kind, Map<String, String> values) {
        String template = config.apply("nf.identity.mail." + kind.key() + ".template")
                .map(MailTemplates::load)
                .orElseGet(() -> load("classpath:io/nfidentity/impl/mail/" + kind.key() + ".html"));
        return render(template, values);
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
                    throw new IllegalStateException("NFID0031: mail template not found: " + location);
                }
                try (InputStream stream = in) {
                    return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(location), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("NFID0031: cannot read mail template " + location, e);
        }
    }
}
