package io.nfidentity.it.host;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * An application's own identity store stacked beside nf-identity's (asked first: priority 10 &lt; 100): it knows one
 * caller of an older system, in the group {@code legacy}.
 */
@ApplicationScoped
public class LegacyStore implements IdentityStore {
    public static final String CALLER = "legacy-operator";
    public static final String PASSWORD = "legacy-password-1";

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential c
                && c.getCaller().equals(CALLER)
                && c.getPassword().compareTo(PASSWORD)) {
            return new CredentialValidationResult(CALLER, Set.of("legacy"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return Set.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }

    @Override
    public int priority() {
        return 10;
    }
}
