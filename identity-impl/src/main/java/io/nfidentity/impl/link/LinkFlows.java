package io.nfidentity.impl.link;

import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.password.PasswordPolicy;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.user.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The mailed links (GoTrue's {@code /verify} and {@code /recover}): input checks and password hashing here, outside
 * any transaction; the transactional steps in {@link LinkWrites}.
 */
@ApplicationScoped
public class LinkFlows {
    private final LinkWrites writes;

    private final PasswordPolicy policy;

    private final PasswordHasher hasher;

    @Inject
    public LinkFlows(LinkWrites writes, PasswordPolicy policy, PasswordHasher hasher) {
        this.writes = writes;
        this.policy = policy;
        this.hasher = hasher;
    }

    /** For the container's client proxy only. */
    protected LinkFlows() {
        this(null, null, null);
    }

    /** Spends a mailed token and logs its user in; an invite's password is checked before the token is spent. */
    public Session verify(String token, Set<MailKind> kinds, String password) {
        String hash = null;
        if (password != null && !password.isEmpty()) {
            policy.check(password);
            hash = hasher.hash(password);
        }
        return writes.verify(token, kinds, hash);
    }

    /** Mails a recovery link if the address is registered; says nothing either way. */
    public void recover(String email) {
        if (EmailAddress.plausible(email)) {
            writes.recover(email.trim());
        }
    }
}
