package io.nfidentity.impl.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * The {@code x-webhook-signature} header, as GoTrue's {@code api/hooks.go} builds it: an HS256 JWT over
 * {@code iat}, {@code sub} (the instance id), {@code iss: "gotrue"} and {@code sha256}, the lowercase hex SHA-256 of the
 * exact body bytes. A receiver that verifies the JWT with the shared secret and compares the digest knows the body is
 * ours and whole.
 */
public final class GoTrueSignature {
    public static final String HEADER = "x-webhook-signature";

    private GoTrueSignature() {}

    public static String sign(byte[] body, String instanceId, byte[] secret, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setSubject(instanceId);
        claims.setIssuer("gotrue");
        claims.setClaim("sha256", sha256Hex(body));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret));
        jws.setPayload(claims.toJson());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) { // the secret's length is checked at startup
            throw new IllegalStateException("the webhook secret cannot sign HS256", e);
        }
    }

    public static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
