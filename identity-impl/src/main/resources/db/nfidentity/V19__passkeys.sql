-- Passkeys (issue 28): WebAuthn credentials. The credential's public key travels inside its attested credential data
-- (AAGUID, credential id, COSE key), kept base64url as the authenticator produced it; the signature counter, which
-- must only grow, and the backup flags the authenticator reported.
CREATE TABLE nf_passkeys (
    id              UUID                     NOT NULL PRIMARY KEY,
    user_id         UUID                     NOT NULL REFERENCES nf_users (id) ON DELETE CASCADE,
    credential_id   VARCHAR(1400)            NOT NULL UNIQUE,
    credential_data VARCHAR(4000)            NOT NULL,
    sign_count      BIGINT                   NOT NULL,
    uv_initialized  BOOLEAN                  NOT NULL,
    backup_eligible BOOLEAN                  NOT NULL,
    backup_state    BOOLEAN                  NOT NULL,
    transports      VARCHAR(200),
    friendly_name   VARCHAR(100)             NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX nf_passkeys_user ON nf_passkeys (user_id);

-- WebAuthn challenges, by SHA-256 of the challenge only: single use (spent by deleting the row), expiring, and for a
-- registration bound to the session (and user) that asked for it. A sign-in challenge has neither: it is anonymous.
CREATE TABLE nf_webauthn_challenges (
    challenge_hash CHAR(64)                 NOT NULL PRIMARY KEY,
    purpose        VARCHAR(16)              NOT NULL,
    session_id     UUID                     REFERENCES nf_sessions (id) ON DELETE CASCADE,
    user_id        UUID                     REFERENCES nf_users (id) ON DELETE CASCADE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX nf_webauthn_challenges_expires ON nf_webauthn_challenges (expires_at);
