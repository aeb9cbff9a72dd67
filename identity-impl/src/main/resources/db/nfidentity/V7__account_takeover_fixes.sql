-- A pending (unconfirmed) signup that a second signup with another password contested: nobody has proven which of
-- them owns the mailbox, so the confirmation keeps neither's password nor metadata (see AccountWrites.verify).
ALTER TABLE nf_users ADD COLUMN signup_contested BOOLEAN DEFAULT FALSE NOT NULL;

-- The token a rotation issued, sealed with a key only the rotated token's holder can derive (AES-GCM; see
-- RefreshTokens.seal). A concurrent refresh with the rotated token gets this same token back instead of a second
-- live one, and the database still holds nothing that works as a token.
ALTER TABLE nf_refresh_tokens ADD COLUMN successor VARCHAR(200);

-- When the session family was authenticated (a password login, or a mailed link followed): carried through every
-- rotation, so that an opt-in "recent login" rule can ask how long ago the person proved who they are.
ALTER TABLE nf_refresh_tokens ADD COLUMN authenticated_at TIMESTAMP WITH TIME ZONE;

-- The purge job finds expired rows by these.
CREATE INDEX nf_refresh_tokens_expires ON nf_refresh_tokens (expires_at);
CREATE INDEX nf_one_time_tokens_expires ON nf_one_time_tokens (expires_at);
CREATE INDEX nf_rate_limits_window ON nf_rate_limits (window_start);
