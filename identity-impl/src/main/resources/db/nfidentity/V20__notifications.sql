-- Asynchronous notifications (issue 29): the outbox. One row per event and receiver, written in the transaction of the
-- action it reports (so a rolled-back action leaves none, and a committed one cannot be lost), delivered after commit
-- by whichever node claims it first. The row's id is the delivery id receivers drop duplicates by; next_at is both the
-- time of the next try and, while a node is sending, its lease (a node that dies mid-send leaves the row due again
-- once the lease ends).
CREATE TABLE nf_notifications (
    id           UUID                     NOT NULL PRIMARY KEY,
    event_id     UUID                     NOT NULL,
    event        VARCHAR(64)              NOT NULL,
    receiver     VARCHAR(2000)            NOT NULL,
    user_id      UUID,
    payload      VARCHAR(200000)          NOT NULL,
    state        VARCHAR(16)              NOT NULL,
    attempts     INTEGER                  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    next_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at TIMESTAMP WITH TIME ZONE,
    last_status  INTEGER,
    last_error   VARCHAR(300)
);

-- the claim: due pending rows, oldest first
CREATE INDEX nf_notifications_due ON nf_notifications (state, next_at);
-- the admin list and the purge
CREATE INDEX nf_notifications_created ON nf_notifications (state, created_at);
