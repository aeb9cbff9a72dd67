package io.nfidentity.sample;

import io.nfidentity.IdentityAdmin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** An EJB guarded by a role: the EJB container checks it, with the caller nf-identity authenticated. */
@Stateless
@RolesAllowed("admin")
public class UserReport {
    @Inject
    IdentityAdmin admin;

    public long userCount() {
        return admin.listUsers(1, 1).total().orElse(0);
    }
}
