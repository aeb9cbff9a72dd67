-- Failure counters for brute-force limits, shared by every node of a cluster through the database.
CREATE TABLE nf_rate_limits (
    limit_key     VARCHAR(400)             NOT NULL PRIMARY KEY,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    failures      INTEGER                  NOT NULL,
    blocked_until TIMESTAMP WITH TIME ZONE
);
