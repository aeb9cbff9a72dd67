/** How a user comes to be and changes: events, the row, the audit entry, the notices. Not public API. */
package io.nfidentity.impl.lifecycle;
