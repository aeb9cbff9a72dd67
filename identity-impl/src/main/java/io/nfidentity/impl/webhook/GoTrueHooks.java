package io.nfidentity.impl.webhook;

import io.nfidentity.event.DeniableEvent;
import io.nfidentity.event.UserLogin;
import io.nfidentity.event.UserSignup;
import io.nfidentity.event.UserValidate;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.LogId;
import io.nfidentity.impl.json.Json;
import io.nfidentity.impl.notify.GoTrueSignature;
import io.nfidentity.impl.rest.json.UserJson;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * GoTrue's synchronous webhook ({@code nf.identity.webhook.url}): {@code validate}, {@code signup} and {@code login}
 * posted as GoTrue's {@code api/hooks.go} posts them ({@code {"event","instance_id","user"}}, signed in
 * {@code x-webhook-signature}), so a Netlify identity function answers it unchanged. A 200, 202 or 204 lets the
 * action go on, and the answer's {@code app_metadata} and {@code user_metadata}, when present, replace the user's
 * before anything is stored (so they are in the first token); any other status, a connection refused, or a timeout
 * on every try denies the action (401 {@code denied}, with the hook's {@code webhook_error} as the message), and the
 * transaction rolls back: nothing half done.
 *
 * <p>It observes at priority {@value #PRIORITY}, after the application's observers (2500 by default), and sees what they
 * changed; an observer with a higher priority runs after it and sees what the hook changed. Only a timeout is tried
 * again ({@code nf.identity.webhook.retries} tries in all), as GoTrue does.
 */
@ApplicationScoped
public class GoTrueHooks {
    static final int PRIORITY = Interceptor.Priority.PLATFORM_AFTER;

    /** An answer longer than this is not read: metadata is small. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(GoTrueHooks.class.getName());

    private final IdentityConfig config;
    private final Clock clock;
    private final HttpClient http;

    @Inject
    public GoTrueHooks(IdentityConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
        this.http = config == null
                ? null
                : HttpClient.newBuilder()
                        .connectTimeout(config.accounts().webhook().timeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /** For the container's client proxy only. */
    protected GoTrueHooks() {
        this(null);
    }

    void validate(@Observes @Priority(PRIORITY) UserValidate event) {
        call("validate", event);
    }

    void signup(@Observes @Priority(PRIORITY) UserSignup event) {
        call("signup", event);
    }

    void login(@Observes @Priority(PRIORITY) UserLogin event) {
        call("login", event);
    }

    private void call(String name, DeniableEvent event) {
        IdentityConfig.Webhook hook = config.accounts().webhook();
        if (!hook.on(name)) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", name);
        payload.put("instance_id", hook.instanceId());
        payload.put("user", UserJson.of(event.user(), config.tokens().audience()));
        byte[] body = GoTrueSignature.utf8(Json.jsonb().toJson(payload));
        Answer answer = post(hook, name, body);
        if (!answer.accepted()) {
            event.deny(answer.error() != null ? answer.error() : "Denied by the " + name + " webhook");
        }
        if (answer.body() != null) {
            if (answer.body().get("app_metadata") instanceof Map<?, ?> app) {
                event.setAppMetadata(strings(app));
            }
            if (answer.body().get("user_metadata") instanceof Map<?, ?> user) {
                event.setUserMetadata(strings(user));
            }
        }
    }

    /** What the hook said: accepted or not, its JSON body if it sent one, and its {@code webhook_error}. */
    record Answer(boolean accepted, Map<String, Object> body, String error) {}

    private Answer post(IdentityConfig.Webhook hook, String name, byte[] body) {
        for (int attempt = 1; attempt <= hook.retries(); attempt++) {
            HttpRequest request = HttpRequest.newBuilder(hook.url())
                    .timeout(hook.timeout())
                    .header("Content-Type", "application/json")
                    .header(
                            GoTrueSignature.HEADER,
                            GoTrueSignature.sign(body, hook.instanceId(), hook.secret(), clock.instant()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                Map<String, Object> json = read(response.body());
                int status = response.statusCode();
                boolean accepted = status == 200 || status == 202 || status == 204;
                Object error = json == null ? null : json.get("webhook_error");
                if (!accepted) {
                    LOG.info(LogId.WEBHOOK_REFUSED + ": the " + name + " webhook answered " + status
                            + "; the action is denied");
                }
                return new Answer(accepted, accepted ? json : null, error instanceof String s ? s : null);
            } catch (HttpTimeoutException timeout) {
                LOG.warning(LogId.WEBHOOK_FAILED + ": the " + name + " webhook did not answer within "
                        + hook.timeout().toSeconds() + " s (try " + attempt + " of " + hook.retries() + ")");
            } catch (IOException e) {
                LOG.log(
                        Level.WARNING,
                        LogId.WEBHOOK_FAILED + ": the " + name + " webhook cannot be reached; the action"
                                + " is denied",
                        e);
                return new Answer(false, null, "The " + name + " webhook cannot be reached");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(false, null, "Interrupted while calling the " + name + " webhook");
            }
        }
        return new Answer(false, null, "The " + name + " webhook did not answer in time");
    }

    /** The answer's JSON object, or {@code null} for an empty, oversized or non-JSON answer. */
    private static Map<String, Object> read(InputStream in) throws IOException {
        try (InputStream body = in) {
            byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length == 0 || bytes.length > MAX_ANSWER_BYTES) {
                return null;
            }
            try {
                return Json.readMap(new String(bytes, StandardCharsets.UTF_8));
            } catch (RuntimeException notAnObject) {
                return null;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> strings(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
