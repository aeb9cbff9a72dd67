package io.nfidentity.impl.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StandardSignatureTest {
    /** The example of the Standard Webhooks specification's reference libraries. */
    @Test
    void signsTheSpecificationsExampleAsItsReferenceLibrariesDo() {
        byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String signature = StandardSignature.sign(
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8),
                key);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    @Test
    void aChangedBodyIdOrTimestampChangesTheSignature() {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String base = StandardSignature.sign("a", 1, body, key);
        assertNotEquals(base, StandardSignature.sign("b", 1, body, key));
        assertNotEquals(base, StandardSignature.sign("a", 2, body, key));
        assertNotEquals(base, StandardSignature.sign("a", 1, "{ }".getBytes(StandardCharsets.UTF_8), key));
    }

    @Test
    void theBackOffDoublesFromTheFirstAndStopsAtAnHour() {
        Duration first = Duration.ofSeconds(30);
        assertEquals(Duration.ofSeconds(30), Notifier.backoff(first, 1));
        assertEquals(Duration.ofSeconds(60), Notifier.backoff(first, 2));
        assertEquals(Duration.ofSeconds(240), Notifier.backoff(first, 4));
        assertEquals(Duration.ofHours(1), Notifier.backoff(first, 30), "capped, and no overflow");
    }

    @Test
    void aReceiversOriginIsAllThatIsShownOfIt() {
        assertEquals(
                "https://hooks.example.com",
                Notifications.origin("https://hooks.example.com/services/T000/B000/secret?token=x"));
        assertEquals("http://127.0.0.1:9898", Notifications.origin("http://127.0.0.1:9898/"));
    }
}
