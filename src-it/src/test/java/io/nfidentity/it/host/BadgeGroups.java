package io.nfidentity.it.host;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** An application's group-only store: every caller any store validated also gets the group {@code badge}. */
@ApplicationScoped
public class BadgeGroups implements IdentityStore {
    @Override
    public Set<String> getCallerGroups(CredentialValidationResult result) {
        return Set.of("badge");
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return Set.of(ValidationType.PROVIDE_GROUPS);
    }
}
