-- Sign-in through external providers (GitHub, GitLab, Google, Bitbucket, OpenID Connect).
--
-- nf_identities: one row per provider account linked to a user, found by the provider's stable subject id (never by
-- the address, which the provider's user may change). A user may have several.
CREATE TABLE nf_identities (
    provider        VARCHAR(64)              NOT NULL,
    subject         VARCHAR(255)             NOT NULL,
    user_id         UUID                     NOT NULL REFERENCES nf_users (id) ON DELETE CASCADE,
    email           VARCHAR(320),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sign_in_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (provider, subject)
);

CREATE INDEX nf_identities_user ON nf_identities (user_id);

-- nf_oauth_states: one row per authorization in flight, deleted when its callback arrives (so a state works once).
-- Only hashes of the state, of the browser-binding cookie and of an invitation token are stored; the PKCE verifier and the nonce are secrets
-- that never leave the server.
CREATE TABLE nf_oauth_states (
    state_hash    VARCHAR(64)              NOT NULL PRIMARY KEY,
    browser_hash  VARCHAR(64)              NOT NULL,
    provider      VARCHAR(64)              NOT NULL,
    code_verifier VARCHAR(128)             NOT NULL,
    nonce         VARCHAR(64)              NOT NULL,
    redirect_to   VARCHAR(2000),
    invite_hash   VARCHAR(64),
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX nf_oauth_states_expiry ON nf_oauth_states (expires_at);
