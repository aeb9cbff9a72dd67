package io.nfidentity;

import java.time.Instant;

/**
 * A key that signs or verifies access tokens, as {@link IdentityAdmin#signingKeys()} lists it: never its private part.
 *
 * <p>A key moves one way through its states: {@link State#NEXT} (published in the JWKS, not signing), {@link
 * State#CURRENT} (signing; exactly one key is current), {@link State#PREVIOUS} (still verifying the tokens it signed,
 * until {@link #verifiesUntil()}), {@link State#RETIRED} (refused, no longer published). The HS256 key is the
 * configured {@code nf.identity.jwt.secret}, listed with id {@code nf-ident}; it is never published.
 *
 * @param kid the key's id, as tokens carry it in their {@code kid} header
 * @param algorithm {@code HS256}, {@code RS256}, {@code ES256} or {@code EdDSA}
 * @param state where the key stands in its rotation
 * @param createdAt when the key was made
 * @param activatedAt when it became current, or {@code null} if it never did
 * @param deactivatedAt when it stopped signing, or {@code null} while it is next or current
 * @param verifiesUntil for a previous key, when the last token it signed expires; {@code null} otherwise
 * @param retiredAt when it was retired, or {@code null}
 */
public record SigningKey(
        String kid,
        String algorithm,
        State state,
        Instant createdAt,
        Instant activatedAt,
        Instant deactivatedAt,
        Instant verifiesUntil,
        Instant retiredAt) {

    /** Where a key stands in its rotation. */
    public enum State {
        /** Published in the JWKS so verifiers learn it, but not signing yet. */
        NEXT,
        /** Signing every new token; published. */
        CURRENT,
        /** No longer signing; verifying (and published) until the tokens it signed have expired. */
        PREVIOUS,
        /** Refused and no longer published. */
        RETIRED
    }
}
