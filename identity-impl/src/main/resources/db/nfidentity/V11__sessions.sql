-- One row per session (a login and its refresh-token family, id = family_id): where and how it started, and when it
-- ended. Access tokens carry the session's id (session_id), so ending one session refuses its access token too.
CREATE TABLE nf_sessions (
    id         UUID                     NOT NULL PRIMARY KEY,
    user_id    UUID                     NOT NULL REFERENCES nf_users (id) ON DELETE CASCADE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- password | signup | confirmation | invite | recovery
    method     VARCHAR(16)              NOT NULL,
    ip_address VARCHAR(64),
    user_agent VARCHAR(200),
    ended_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX nf_sessions_user ON nf_sessions (user_id, ended_at);
