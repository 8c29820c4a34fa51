-- Scheduler, loans and reminders (SQLite). Keep in step with ../postgres/0002_scheduler.sql.

-- One-off jobs due at a time; recurring ones are re-added from their cron schedule.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('loan_due_soon', 'loan_due', 'loan_overdue', 'loan_escalate',
                                                  'handover_nudge', 'listing_check', 'listing_expire', 'topic', 'statement')),
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
CREATE INDEX jobs_due ON jobs(status, due_at, id);
-- Scheduling the same live job twice is a no-op (a cancelled or done one may be scheduled again).
CREATE UNIQUE INDEX jobs_once ON jobs(kind, ref_id, due_at, COALESCE(member_id, 0)) WHERE status IN ('pending', 'running');

-- Recurring schedules from bot.toml: when each next runs.
CREATE TABLE schedules (
    name         TEXT    PRIMARY KEY,
    next_at      INTEGER NOT NULL
);

CREATE TABLE loans (
    id           INTEGER PRIMARY KEY,
    listing_id   INTEGER NOT NULL REFERENCES listings(id),
    claim_id     INTEGER NOT NULL UNIQUE REFERENCES claims(id),
    lender_id    INTEGER NOT NULL REFERENCES members(id),
    borrower_id  INTEGER NOT NULL REFERENCES members(id),
    due_at       INTEGER NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('active', 'returned')),
    extension_days INTEGER,       -- asked for by the borrower, waiting for the lender
    created_at   INTEGER NOT NULL,
    returned_at  INTEGER
);

-- Members who want a monthly points statement.
ALTER TABLE members ADD COLUMN statement INTEGER NOT NULL DEFAULT 0 CHECK (statement IN (0, 1));

-- A community's journal, read in order (history, statements, checks).
CREATE INDEX transfers_by_community ON transfers(community_id, id);
