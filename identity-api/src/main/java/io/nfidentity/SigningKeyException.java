package io.nfidentity;

/**
 * A key rotation step that cannot be taken: 404 {@code signing_key_not_found} for an unknown key id, 409
 * {@code signing_key_conflict} for a step the key's state does not allow (promoting a key that is not next, retiring
 * the current key, retiring a previous key while tokens it signed may still be valid without {@code force}, adding a
 * key while HS256 is configured).
 */
public class SigningKeyException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /**
     * @param status 404 or 409
     * @param errorCode {@code signing_key_not_found} or {@code signing_key_conflict}
     * @param message a message for the caller
     */
    public SigningKeyException(int status, String errorCode, String message) {
        super(status, errorCode, message);
    }

    /** @return 404 {@code signing_key_not_found} */
    public static SigningKeyException notFound() {
        return new SigningKeyException(404, "signing_key_not_found", "Signing key not found");
    }

    /**
     * @param message what the key's state does not allow
     * @return 409 {@code signing_key_conflict}
     */
    public static SigningKeyException conflict(String message) {
        return new SigningKeyException(409, "signing_key_conflict", message);
    }
}
