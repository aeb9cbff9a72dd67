/**
 * Whether this node can serve: readiness (the configuration read, the schema migrated, the signing keys loaded, the
 * database answering within a bound) and liveness, for GoTrue's {@code /health} and the server's MicroProfile Health
 * endpoints. Not public API.
 */
package io.nfidentity.impl.health;
