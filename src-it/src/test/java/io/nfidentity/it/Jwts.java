package io.nfidentity.it;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds tokens a real attacker (or a stale browser) would send: expired, unsigned, wrongly signed, tampered. */
final class Jwts {
    static final String SECRET = System.getProperty("it.jwt.secret");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {}

    static String b64(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String payload(String sub, String email, Instant exp, String rolesJson) {
        return "{\"sub\":\"" + sub + "\",\"exp\":" + exp.getEpochSecond() + ",\"email\":\"" + email
                + "\",\"app_metadata\":{\"provider\":\"email\",\"roles\":" + rolesJson + "},\"user_metadata\":{}}";
    }

    /** HS256 over header and payload with the given secret (the server's, or a wrong one). */
    static String sign(String headerJson, String payloadJson, String secret) {
        return sign(headerJson, payloadJson, secret.getBytes(StandardCharsets.UTF_8));
    }

    /** HS256 with raw key bytes (a public key's DER, in the key-confusion attack). */
    static String sign(String headerJson, String payloadJson, byte[] secret) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256(String payloadJson, String secret) {
        return sign("{\"alg\":\"HS256\",\"kid\":\"nf-ident\",\"typ\":\"JWT\"}", payloadJson, secret);
    }

    static String decodePayload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    static String decodeHeader(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
    }
}
