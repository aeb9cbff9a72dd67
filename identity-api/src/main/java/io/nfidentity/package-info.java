/**
 * nf-identity: Netlify-style identity for Jakarta EE applications.
 *
 * <p>This package is everything an application compiles against:
 *
 * <ul>
 *   <li>{@link io.nfidentity.Identity}, the request-scoped facade that mirrors the server functions of
 *       {@code @netlify/identity} ({@code getUser}, {@code login}, {@code signup}, {@code logout},
 *       {@code verifyRequestOrigin});
 *   <li>{@link io.nfidentity.IdentityAdmin}, user management for server code;
 *   <li>{@link io.nfidentity.User}, the camelCase user as {@code @netlify/identity} maps it;
 *   <li>{@link io.nfidentity.IdentityException} and its subclasses, each carrying an HTTP status and a stable
 *       machine-readable code.
 * </ul>
 *
 * <p>Authentication itself needs no code: the module's {@code HttpAuthenticationMechanism} reads the {@code nf_jwt}
 * cookie (or {@code Authorization: Bearer}) on every request, refreshes an expired session from {@code nf_refresh},
 * and hands the container a caller whose name is the user id and whose groups are {@code app_metadata.roles}. So
 * {@code @RolesAllowed}, {@code web.xml} security constraints and {@code SecurityContext} work unchanged.
 *
 * <p>Applications never import {@code io.nfidentity.impl}: that jar is a runtime-only dependency.
 */
package io.nfidentity;
