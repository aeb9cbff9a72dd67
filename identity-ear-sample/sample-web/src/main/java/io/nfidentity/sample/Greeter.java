package io.nfidentity.sample;

import io.nfidentity.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;

/** A plain CDI bean guarded by a role: WildFly alone would not check it; nf-identity does. */
@ApplicationScoped
public class Greeter {
    @RolesAllowed("admin")
    public String greet(User user) {
        return "Hello, administrator " + user.email();
    }
}
