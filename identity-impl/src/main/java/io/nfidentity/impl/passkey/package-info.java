/**
 * Passkeys (WebAuthn, verified by webauthn4j): registration by a logged-in user, discoverable sign-in, the user's list.
 * Not public API.
 */
package io.nfidentity.impl.passkey;
