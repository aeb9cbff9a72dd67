/** Signup with an email and a password. Not public API. */
package io.nfidentity.impl.signup;
