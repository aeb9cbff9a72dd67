/** Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on plain CDI beans. Not public API. */
package io.nfidentity.impl.security;
