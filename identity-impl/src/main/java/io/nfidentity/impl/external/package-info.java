/** Sign-in through external providers: each provider's protocol, from the authorization URL to a verified user. */
package io.nfidentity.impl.external;
