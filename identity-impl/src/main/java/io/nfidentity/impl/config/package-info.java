/** Configuration, read once from MicroProfile Config and validated at startup. Not public API. */
package io.nfidentity.impl.config;
