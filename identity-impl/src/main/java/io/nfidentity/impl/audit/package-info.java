/**
 * The audit log: who did what to which user, from where, written in the transaction of the action itself. Not public
 * API; applications read it through {@code IdentityAdmin.auditLog} and {@code GET /admin/audit}.
 */
package io.nfidentity.impl.audit;
