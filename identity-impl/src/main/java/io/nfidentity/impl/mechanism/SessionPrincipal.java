package io.nfidentity.impl.mechanism;

import io.nfidentity.impl.session.Session;
import jakarta.security.enterprise.CallerPrincipal;
import java.util.Set;

/**
 * The caller {@link PasswordIdentityStore} validated, carrying the session it opened to {@link NfJwtMechanism}, which
 * takes it once (to set the cookies) and hands the container a plain {@link CallerPrincipal}: the refresh token never
 * stays in a principal the container keeps.
 */
final class SessionPrincipal extends CallerPrincipal {
    private static final long serialVersionUID = 1L;

    private final Set<String> roles;

    private transient Session session;

    SessionPrincipal(Session session) {
        super(session.user().id().toString());
        this.roles = Set.copyOf(session.user().roles());
        this.session = session;
    }

    /** The user's roles. */
    Set<String> roles() {
        return roles;
    }

    /** The session, the first time only. */
    synchronized Session take() {
        Session s = session;
        session = null;
        return s;
    }
}
