package io.nfidentity.impl.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * GoTrue's synchronous webhook ({@code nf.identity.webhook.*}) and the asynchronous notifications
 * ({@code nf.identity.notify.*}), read with {@link ConfigReader}'s helpers so that their problems join the one list of
 * everything to fix.
 */
final class HookReader {
    private static final List<String> SYNC_EVENTS = List.of("validate", "signup", "login");

    /** Standard Webhooks' form of a secret: this prefix, then the key in base64. */
    static final String STANDARD_PREFIX = "whsec_";

    private final ConfigReader r;

    HookReader(ConfigReader r) {
        this.r = r;
    }

    IdentityConfig.Webhook read() {
        String url = r.string("webhook.url", "");
        String secret = r.string("webhook.secret", "");
        List<String> events = r.list("webhook.events");
        if (events.isEmpty()) {
            events = SYNC_EVENTS;
        }
        for (String event : events) {
            if (!SYNC_EVENTS.contains(event)) {
                r.problem("webhook.events lists validate, signup and login only, not '" + event + "'");
            }
        }
        URI uri = null;
        if (!url.isEmpty()) {
            uri = url("webhook.url", url);
            if (secret.getBytes(StandardCharsets.UTF_8).length < ConfigReader.MIN_SECRET_BYTES) {
                r.problem("webhook.secret is required with webhook.url: at least " + ConfigReader.MIN_SECRET_BYTES
                        + " characters, shared with the receiver, which checks each call's signature with it");
            }
        }
        return new IdentityConfig.Webhook(
                uri,
                secret.getBytes(StandardCharsets.UTF_8),
                List.copyOf(events),
                r.seconds("webhook.timeout", 5, 1, 60),
                r.integer("webhook.retries", 3, 1, 10),
                r.string("webhook.instance-id", "00000000-0000-0000-0000-000000000000"),
                notifications());
    }

    private IdentityConfig.Notify notifications() {
        List<URI> urls = new ArrayList<>();
        for (String url : r.list("notify.urls")) {
            URI uri = url("notify.urls", url);
            if (uri != null) {
                urls.add(uri);
            }
        }
        Set<String> events = new LinkedHashSet<>(r.list("notify.events"));
        if (events.isEmpty()) {
            events.addAll(IdentityConfig.Notify.EVENTS);
        }
        for (String event : events) {
            if (!IdentityConfig.Notify.EVENTS.contains(event)) {
                r.problem("notify.events lists " + String.join(", ", IdentityConfig.Notify.EVENTS) + " only, not '"
                        + event + "'");
            }
        }
        String signature = r.string("notify.signature", "gotrue");
        if (!IdentityConfig.Notify.SIGNATURES.contains(signature)) {
            r.problem("notify.signature must be gotrue, standard or both, not '" + signature + "'");
            signature = "gotrue";
        }
        byte[] key = secret(r.string("notify.secret", ""), !urls.isEmpty());
        return new IdentityConfig.Notify(
                List.copyOf(urls),
                key,
                Set.copyOf(events),
                signature,
                r.seconds("notify.timeout", 10, 1, 60),
                r.integer("notify.attempts", 8, 1, 30),
                r.seconds("notify.backoff", 30, 1, 3_600),
                r.seconds("notify.interval", 5, 1, 300),
                java.time.Duration.ofDays(r.integer("notify.retention-days", 7, 1, 365)));
    }

    /** The HMAC key: {@code whsec_} and base64 (Standard Webhooks' form), or the text's own bytes. */
    private byte[] secret(String secret, boolean required) {
        byte[] key;
        if (secret.startsWith(STANDARD_PREFIX)) {
            try {
                key = Base64.getDecoder().decode(secret.substring(STANDARD_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                r.problem("notify.secret starts with whsec_ but what follows is not base64");
                return new byte[0];
            }
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
        if (required && key.length < ConfigReader.MIN_SECRET_BYTES) {
            r.problem("notify.secret is required with notify.urls: at least " + ConfigReader.MIN_SECRET_BYTES
                    + " bytes (characters, or whsec_ and base64), shared with the receivers, which check each"
                    + " delivery's signature with it");
        }
        return key;
    }

    private URI url(String key, String url) {
        if (!url.matches("https?://[^\\s]+")) {
            r.problem(key + " must be an http or https URL, not '" + url + "'");
            return null;
        }
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            r.problem(key + " must be an http or https URL, not '" + url + "'");
            return null;
        }
    }
}
