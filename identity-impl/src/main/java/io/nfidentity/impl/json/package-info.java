/** The one JSON-B instance and the metadata maps it reads and writes. Not public API. */
package io.nfidentity.impl.json;
