package io.nfidentity.impl.session;

import io.nfidentity.IdentityException;

/** A refresh token that is unknown, revoked or expired: GoTrue's {@code 400 invalid_grant}. */
public final class InvalidGrantException extends IdentityException {
    private static final long serialVersionUID = 1L;

    InvalidGrantException(String message) {
        super(400, "invalid_grant", message);
    }
}
