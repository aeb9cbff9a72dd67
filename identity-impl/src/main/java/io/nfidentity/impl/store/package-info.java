/**
 * The tables (users, refresh tokens, mailed tokens, rate-limit counters) in the application's datasource: plain JDBC,
 * schema by Flyway. Knows nothing of mail, tokens or the flows above it ({@code ArchitectureTest}). Not public API.
 */
package io.nfidentity.impl.store;
