-- Second factors (issue 27). A TOTP factor keeps its shared secret, sealed with the key-encryption key (the server needs
-- it to compute codes; a dump alone yields none),
-- and the last time step whose code it accepted, so a code is never accepted twice (RFC 6238 section 5.2).
CREATE TABLE nf_factors (
    id            UUID                     NOT NULL PRIMARY KEY,
    user_id       UUID                     NOT NULL REFERENCES nf_users (id) ON DELETE CASCADE,
    factor_type   VARCHAR(16)              NOT NULL,
    friendly_name VARCHAR(100),
    secret        VARCHAR(200)             NOT NULL,
    verified      BOOLEAN                  NOT NULL,
    last_step     BIGINT,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX nf_factors_user ON nf_factors (user_id);

-- A challenge is bound to the session that asked for it and expires; it is spent by its verification.
CREATE TABLE nf_factor_challenges (
    id          UUID                     NOT NULL PRIMARY KEY,
    factor_id   UUID                     NOT NULL REFERENCES nf_factors (id) ON DELETE CASCADE,
    session_id  UUID                     NOT NULL REFERENCES nf_sessions (id) ON DELETE CASCADE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    verified_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX nf_factor_challenges_factor ON nf_factor_challenges (factor_id);

-- Single-use recovery codes, stored as SHA-256 hashes (they are random, 60 bits each); a used one keeps its row.
CREATE TABLE nf_recovery_codes (
    user_id    UUID                     NOT NULL REFERENCES nf_users (id) ON DELETE CASCADE,
    code_hash  CHAR(64)                 NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (user_id, code_hash)
);

-- A session's second factor: how (totp, recovery) and when it was verified, and by which factor. A session with
-- factor_at is at assurance level 2; its tokens say so (aal, amr), and a refresh keeps it.
ALTER TABLE nf_sessions ADD COLUMN factor_method VARCHAR(16);
ALTER TABLE nf_sessions ADD COLUMN factor_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE nf_sessions ADD COLUMN factor_id UUID;

-- Access tokens at level 2 issued up to this instant are refused (a verified factor was removed): like not_before,
-- but only for level-2 tokens, so the user's level-1 tokens keep working.
ALTER TABLE nf_users ADD COLUMN aal2_not_before TIMESTAMP WITH TIME ZONE;
