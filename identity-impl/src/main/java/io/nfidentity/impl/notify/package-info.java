/**
 * Asynchronous notifications: every chosen lifecycle event written to an outbox in the transaction of its action,
 * then posted to each receiver after commit, signed, retried with back-off, and given up after a bound; on several
 * nodes each row is claimed by one. Not public API.
 */
package io.nfidentity.impl.notify;
