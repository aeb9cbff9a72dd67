/** Scheduled upkeep: expired tokens, links, limits and audit entries purged; signing keys re-read and retired. Not public API. */
package io.nfidentity.impl.housekeeping;
