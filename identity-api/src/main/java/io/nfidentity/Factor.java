package io.nfidentity;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's second factor: for now a TOTP authenticator (RFC 6238: an app such as Google Authenticator, 1Password or
 * {@code oathtool}). Its secret never leaves the server after enrolment.
 *
 * @param id the factor's id (Supabase's {@code id})
 * @param type {@code totp}
 * @param friendlyName the user's name for it, or {@code null}
 * @param verified whether a code of it was ever verified; an unverified factor counts for nothing
 * @param createdAt when it was enrolled
 * @param updatedAt when it last changed (verified, or a code used)
 */
public record Factor(
        UUID id, String type, String friendlyName, boolean verified, Instant createdAt, Instant updatedAt) {}
