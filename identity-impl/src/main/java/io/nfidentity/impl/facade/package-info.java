/** The injectable {@code Identity} facade and its origin check, over the use cases. Not public API. */
package io.nfidentity.impl.facade;
