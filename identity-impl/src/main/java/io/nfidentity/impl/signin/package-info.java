/** Sign-in through external providers: authorize, callback, linking and invitations. Not public API. */
package io.nfidentity.impl.signin;
