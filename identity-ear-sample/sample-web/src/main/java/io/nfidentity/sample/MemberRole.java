package io.nfidentity.sample;

import io.nfidentity.event.UserSignup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/** Netlify's first event-handler example: every new user gets the role {@code member}, already in the first token. */
@ApplicationScoped
public class MemberRole {
    void onSignup(@Observes UserSignup event) {
        List<String> roles = new ArrayList<>(event.user().roles());
        if (!roles.contains("member")) {
            roles.add("member");
        }
        event.setRoles(roles);
    }
}
