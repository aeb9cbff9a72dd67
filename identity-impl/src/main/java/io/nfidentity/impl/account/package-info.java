/** The user's own account (GoTrue's {@code PUT /user}): profile, password and address changes. Not public API. */
package io.nfidentity.impl.account;
