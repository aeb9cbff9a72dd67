/** The rules of a user record, in one place for every flow: address checks, metadata merges, role names, new users. Not public API. */
package io.nfidentity.impl.user;
