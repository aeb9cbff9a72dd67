/** Password login: limits per account and address, the hash checked outside any transaction. Not public API. */
package io.nfidentity.impl.login;
