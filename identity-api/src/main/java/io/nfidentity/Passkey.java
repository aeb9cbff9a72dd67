package io.nfidentity;

import java.time.Instant;
import java.util.UUID;

/**
 * One of a user's passkeys (a WebAuthn credential that signs in without a password), as {@link IdentityAdmin#passkeys}
 * lists it and {@code GET /passkeys} shows it. The public key stays on the server; nothing here signs in.
 *
 * @param id the passkey's id (not the WebAuthn credential id)
 * @param friendlyName the name its user gave it
 * @param backupEligible whether the authenticator said the credential may be synced (a synced passkey)
 * @param backedUp whether it said, at the last use, that the credential is synced
 * @param createdAt when it was registered
 * @param lastUsedAt when it last signed in, or {@code null}
 */
public record Passkey(
        UUID id,
        String friendlyName,
        boolean backupEligible,
        boolean backedUp,
        Instant createdAt,
        Instant lastUsedAt) {}
