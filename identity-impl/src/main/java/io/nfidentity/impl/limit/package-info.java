/** Brute-force and abuse limits with counters in the database. Not public API. */
package io.nfidentity.impl.limit;
