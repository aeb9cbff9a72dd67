-- The audit log: one row per identity action, written in the action's own transaction. No foreign key to nf_users:
-- the entries about a user outlive the user (a deletion is itself an entry). Purged after the retention period.
CREATE TABLE nf_audit_log (
    id           UUID                     NOT NULL PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id     UUID,
    -- the actor's address, 'operator', or the address a failed login tried; lower-cased copy for search
    actor_email  VARCHAR(320),
    action       VARCHAR(64)              NOT NULL,
    target_id    UUID,
    target_email VARCHAR(320),
    ip_address   VARCHAR(64),
    traits       VARCHAR(4000)            NOT NULL
);

-- newest first, with keyset paging; and the entries of one user
CREATE INDEX nf_audit_log_created ON nf_audit_log (created_at, id);
CREATE INDEX nf_audit_log_target ON nf_audit_log (target_id, created_at, id);
