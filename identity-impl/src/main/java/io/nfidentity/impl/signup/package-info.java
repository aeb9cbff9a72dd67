/** Signup with an email and a password, and invitations: how a user with an address comes in. Not public API. */
package io.nfidentity.impl.signup;
