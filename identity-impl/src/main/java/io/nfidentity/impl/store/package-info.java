/** Users and refresh tokens in the application's datasource (plain JDBC, schema by Flyway). Not public API. */
package io.nfidentity.impl.store;
