package io.nfidentity.impl.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (standardwebhooks.com): {@code webhook-id}, {@code webhook-timestamp} (Unix
 * seconds) and {@code webhook-signature: v1,<base64 of HMAC-SHA256(key, id.timestamp.body)>}, which the scheme's own
 * libraries (npm {@code standardwebhooks}, and others) verify with the {@code whsec_} form of the same key.
 */
public final class StandardSignature {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private StandardSignature() {}

    public static String sign(String id, long timestamp, byte[] body, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) { // HmacSHA256 is required of every Java platform; the key is checked
            throw new IllegalStateException("HmacSHA256 cannot sign with the notify secret", e);
        }
    }
}
