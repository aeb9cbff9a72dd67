package io.nfidentity.impl.session;

import io.nfidentity.User;

/**
 * What a login, signup or refresh hands out.
 *
 * @param user the user, as stored after the action
 * @param accessToken the signed JWT for {@code nf_jwt}
 * @param expiresIn seconds until the access token expires
 * @param refreshToken the new refresh token, or {@code null} when the caller's current one stays in use (a
 *     concurrent refresh inside the reuse interval)
 */
public record Session(User user, String accessToken, long expiresIn, String refreshToken) {}
