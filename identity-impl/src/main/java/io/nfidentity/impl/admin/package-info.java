/** {@link io.nfidentity.IdentityAdmin}: user management for server code. Not public API. */
package io.nfidentity.impl.admin;
