-- Trust and safety (SQLite): disputes, reports, moderation, flood control. Keep in step with
-- ../postgres/0005_safety.sql.

-- Disputes after a hand-over: frozen points, a case card for the social workers, an outcome.
CREATE TABLE disputes (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    claim_id     INTEGER NOT NULL REFERENCES claims(id),
    listing_id   INTEGER NOT NULL REFERENCES listings(id),
    opened_by    INTEGER NOT NULL REFERENCES members(id),
    against_id   INTEGER NOT NULL REFERENCES members(id),
    reason       TEXT    NOT NULL CHECK (length(reason) > 0),
    -- The kind of problem, for the handbook.
    category     TEXT    NOT NULL CHECK (category IN ('not_as_described', 'damaged', 'not_received', 'no_show', 'other')),
    photos       TEXT    NOT NULL DEFAULT '[]',          -- JSON array of the transport's file ids
    frozen       INTEGER NOT NULL DEFAULT 0 CHECK (frozen >= 0),
    frozen_from  INTEGER REFERENCES members(id),          -- whose points are frozen
    shortfall    INTEGER NOT NULL DEFAULT 0 CHECK (shortfall >= 0),
    status       TEXT    NOT NULL CHECK (status IN ('open', 'taken', 'compensated', 'refunded', 'dismissed')),
    taken_by     INTEGER,
    outcome_points INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    resolved_at  INTEGER
);
-- One live case per hand-over.
CREATE UNIQUE INDEX disputes_one_live ON disputes(claim_id) WHERE status IN ('open', 'taken');
CREATE INDEX disputes_by_community ON disputes(community_id, status);

-- What a party adds to a case afterwards (the worker asked for more).
CREATE TABLE dispute_notes (
    id           INTEGER PRIMARY KEY,
    dispute_id   INTEGER NOT NULL REFERENCES disputes(id),
    author_id    INTEGER NOT NULL REFERENCES members(id),
    text         TEXT    NOT NULL,
    photos       TEXT    NOT NULL DEFAULT '[]',
    created_at   INTEGER NOT NULL
);

-- Reports of a listing (or of a forwarded message that matched none).
CREATE TABLE reports (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    listing_id   INTEGER REFERENCES listings(id),
    reporter_id  INTEGER NOT NULL REFERENCES members(id),
    owner_id     INTEGER,                                 -- who is reported, when known
    category     TEXT    NOT NULL CHECK (category IN ('fake', 'wrong_points', 'unsafe', 'other')),
    reason       TEXT    NOT NULL,
    quoted       TEXT,                                    -- the forwarded message's text
    status       TEXT    NOT NULL CHECK (status IN ('open', 'upheld', 'dismissed', 'warned')),
    decided_by   INTEGER,
    created_at   INTEGER NOT NULL,
    decided_at   INTEGER
);
-- One open report per listing and reporter.
CREATE UNIQUE INDEX reports_once ON reports(listing_id, reporter_id) WHERE status = 'open';
CREATE INDEX reports_by_reporter ON reports(reporter_id, status);

-- A listing's moderation: shown, hidden under review (reports), waiting for approval, rejected.
ALTER TABLE listings ADD COLUMN review TEXT NOT NULL DEFAULT 'none' CHECK (review IN ('none', 'hidden', 'pending', 'rejected'));
-- A social worker checked it on a home visit.
ALTER TABLE listings ADD COLUMN verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1));

-- Recent commands and listings per member and chat, for flood control.
CREATE TABLE flood (
    member_id    INTEGER NOT NULL,
    chat_id      INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    warned       INTEGER NOT NULL DEFAULT 0 CHECK (warned IN (0, 1))
);
CREATE INDEX flood_by_member ON flood(member_id, chat_id, at);

-- New button actions and job kinds: SQLite cannot change a CHECK, so both tables are rebuilt.
CREATE TABLE callbacks_new (
    token        TEXT    PRIMARY KEY,
    action       TEXT    NOT NULL CHECK (action IN ('claim', 'accept', 'decline', 'confirm', 'set_lang', 'renew', 'withdraw',
                                                    'returned', 'extend', 'extend_ok', 'extend_no', 'snooze', 'stop', 'rate',
                                                    'dispute_pay', 'dispute_refund', 'dispute_dismiss', 'dispute_ask',
                                                    'report', 'report_why', 'report_hide', 'report_dismiss', 'report_warn',
                                                    'approve', 'reject', 'verify', 'dialog', 'menu')),
    listing_id   INTEGER,
    claim_id     INTEGER,           -- a claim, a loan, a dispute or a report, as the action says
    for_member   INTEGER,           -- NULL: anyone in the chat may press it
    arg          TEXT,
    created_at   INTEGER NOT NULL
);
INSERT INTO callbacks_new SELECT token, action, listing_id, claim_id, for_member, arg, created_at FROM callbacks;
DROP TABLE callbacks;
ALTER TABLE callbacks_new RENAME TO callbacks;

CREATE TABLE jobs_new (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('loan_due_soon', 'loan_due', 'loan_overdue', 'loan_escalate',
                                                  'handover_nudge', 'listing_check', 'listing_expire', 'topic', 'statement',
                                                  'dispute_raise', 'dispute_admins')),
    community_id INTEGER,
    member_id    INTEGER,
    ref_id       INTEGER NOT NULL DEFAULT 0,
    due_at       INTEGER NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'done', 'cancelled')),
    lease_owner  TEXT,
    lease_until  INTEGER,
    ran_at       INTEGER,
    created_at   INTEGER NOT NULL
);
INSERT INTO jobs_new SELECT id, kind, community_id, member_id, ref_id, due_at, status, lease_owner, lease_until, ran_at, created_at FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;
CREATE INDEX jobs_due ON jobs(status, due_at, id);
CREATE UNIQUE INDEX jobs_once ON jobs(kind, ref_id, due_at, COALESCE(member_id, 0)) WHERE status IN ('pending', 'running');
