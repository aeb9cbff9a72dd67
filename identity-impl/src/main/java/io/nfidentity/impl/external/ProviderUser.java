package io.nfidentity.impl.external;

import io.nfidentity.impl.user.EmailAddress;

/**
 * The user a provider vouched for, as its API or ID token described it.
 *
 * @param subject the provider's stable id of the account (never the address, which its owner may change)
 * @param email the primary address, trimmed; {@code null} when the provider gave none, or nothing that could be one
 * @param emailVerified whether the provider says its owner proved the address; only such an address links to an
 *     existing user
 * @param name the display name, or {@code null}
 * @param avatarUrl the picture, or {@code null}
 */
public record ProviderUser(String subject, String email, boolean emailVerified, String name, String avatarUrl) {
    public ProviderUser {
        email = EmailAddress.plausible(email) ? email.trim() : null;
    }
}
