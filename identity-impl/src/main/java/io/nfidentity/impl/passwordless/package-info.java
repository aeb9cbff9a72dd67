/**
 * Sign-in without a password: a mailed code or link ({@code POST /otp}, {@code /magiclink}, {@code /verify} with
 * {@code type: email}) and passkeys. Each proves the user as a password does and opens the same sessions. Not public
 * API.
 */
package io.nfidentity.impl.passwordless;
