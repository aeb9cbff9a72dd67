package io.nfidentity;

import java.time.Instant;

/**
 * An external provider account a user signs in with (GitHub, GitLab, Bitbucket, Google, or a generic OpenID Connect
 * provider by its configured name). A user may have several; a user who signed up with a password has none until a
 * provider sign-in with the same, provider-verified address links one.
 *
 * @param provider the provider's name, as in {@code app_metadata.providers}
 * @param subject the provider's stable id of the account (not the address, which may change there)
 * @param email the address the provider last reported
 * @param createdAt when the account was linked
 * @param lastSignInAt when the user last signed in with it
 */
public record UserIdentity(String provider, String subject, String email, Instant createdAt, Instant lastSignInAt) {}
