package io.nfidentity.impl.token;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The module's one sealing, by the JDK's AES-GCM: a 96-bit random IV, a 128-bit tag, the IV written before the
 * ciphertext. Used for the private signing keys at rest ({@link KeyMaterial}) and the successor a rotation stores for
 * concurrent refreshes ({@link OpaqueTokens}); the byte layout is what both have always stored.
 */
final class Sealer {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sealer() {}

    /** An AES-256 key derived from a secret for one purpose: HMAC-SHA256(secret, label). */
    static SecretKeySpec key(byte[] secret, byte[] label) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal(label), "AES");
    }

    /** IV, then the ciphertext and its tag; {@code aad} (may be null) is authenticated, not stored. */
    static byte[] seal(SecretKeySpec key, byte[] plain, byte[] aad) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        if (aad != null) {
            cipher.updateAAD(aad);
        }
        byte[] sealed = cipher.doFinal(plain);
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return out;
    }

    /**
     * What {@link #seal} sealed under the same key and {@code aad}.
     *
     * @throws GeneralSecurityException another key, another {@code aad}, or altered bytes
     */
    static byte[] open(SecretKeySpec key, byte[] in, byte[] aad) throws GeneralSecurityException {
        if (in.length < IV_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short to be sealed");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
        if (aad != null) {
            cipher.updateAAD(aad);
        }
        return cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
    }
}
