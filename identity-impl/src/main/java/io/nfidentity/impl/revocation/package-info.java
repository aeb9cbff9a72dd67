/** What ended sessions and changed users mean for access tokens already issued, on every node. Not public API. */
package io.nfidentity.impl.revocation;
