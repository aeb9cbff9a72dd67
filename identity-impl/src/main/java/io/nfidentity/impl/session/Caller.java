package io.nfidentity.impl.session;

import io.nfidentity.AssuranceLevel;
import io.nfidentity.NotAuthenticatedException;
import java.util.UUID;

/**
 * The caller of a user's own endpoint (factors, passkeys): the bearer's user, the session its token names, and the
 * token's assurance level. A token without a session (minted before sessions were recorded) is refused: what these
 * endpoints do is bound to a session (a challenge, a step up).
 */
public record Caller(UUID userId, UUID sessionId, AssuranceLevel aal) {
    public Caller {
        if (userId == null || sessionId == null) {
            throw new NotAuthenticatedException();
        }
    }
}
