/** Delivery of the lifecycle events: synchronous inside the transaction, asynchronous after commit. Not public API. */
package io.nfidentity.impl.event;
