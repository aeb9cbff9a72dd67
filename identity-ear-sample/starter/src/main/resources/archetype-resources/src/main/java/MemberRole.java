package ${package};

import io.nfidentity.event.UserSignup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * An event observer, Netlify's signup event handler: every new user gets the role {@code member}, already in their
 * first token. Observe {@code UserValidate} to refuse a signup, {@code UserLogin} to change roles at each login.
 */
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
