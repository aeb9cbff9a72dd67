-- Tokens mailed to users (confirmation, recovery, invite, email change): hashed, single use, expiring.
CREATE TABLE nf_one_time_tokens (
    token_hash CHAR(64)                 NOT NULL PRIMARY KEY,
    user_id    UUID                     NOT NULL REFERENCES nf_users (id) ON DELETE CASCADE,
    kind       VARCHAR(16)              NOT NULL,
    -- the address an email_change token confirms
    new_email  VARCHAR(320),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX nf_one_time_tokens_user ON nf_one_time_tokens (user_id, kind);
