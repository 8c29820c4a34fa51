-- Issue 18: hand-over lifecycle, debts after disputes, tickets for the social workers,
-- the groups' Telegram administrators. Keep in step with ../postgres/0007_lifecycle.sql.

-- When the giver said "I handed it over".
ALTER TABLE claims ADD COLUMN handed_at INTEGER;

-- Points a member owes after a dispute decided against them, repaid first from what they
-- earn next. The pool fronted them to the other side.
CREATE TABLE debts (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    dispute_id   INTEGER REFERENCES disputes(id),
    amount       INTEGER NOT NULL CHECK (amount > 0),
    repaid       INTEGER NOT NULL DEFAULT 0 CHECK (repaid >= 0 AND repaid <= amount),
    created_at   INTEGER NOT NULL
);
CREATE INDEX debts_open ON debts(community_id, member_id) WHERE repaid < amount;

-- A resident's request to the social workers ("请社工联系我", feedback, an emergency).
CREATE TABLE tickets (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    kind         TEXT    NOT NULL CHECK (kind IN ('contact', 'feedback', 'emergency')),
    text         TEXT    NOT NULL DEFAULT '',
    status       TEXT    NOT NULL CHECK (status IN ('open', 'taken', 'done')),
    taken_by     INTEGER REFERENCES members(id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX tickets_by_community ON tickets(community_id, status);

-- Who Telegram says administers each group (getChatAdministrators; console `@admin`).
CREATE TABLE group_admins (
    community_id INTEGER NOT NULL REFERENCES communities(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    seen_at      INTEGER NOT NULL,
    PRIMARY KEY (community_id, member_id)
);

-- Button actions and job kinds are checked by the program (domain::Action, domain::JobKind),
-- not by the tables: SQLite cannot change a CHECK, so both are rebuilt once more without.
CREATE TABLE callbacks_new (
    token        TEXT    PRIMARY KEY,
    action       TEXT    NOT NULL,
    listing_id   INTEGER,
    claim_id     INTEGER,           -- a claim, a loan, a dispute, a report or a ticket, as the action says
    for_member   INTEGER,           -- NULL: anyone in the chat may press it
    arg          TEXT,
    created_at   INTEGER NOT NULL
);
INSERT INTO callbacks_new SELECT token, action, listing_id, claim_id, for_member, arg, created_at FROM callbacks;
DROP TABLE callbacks;
ALTER TABLE callbacks_new RENAME TO callbacks;

CREATE TABLE jobs_new (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,
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

-- When the member was last warned that points of this account will soon expire.
ALTER TABLE accounts ADD COLUMN expiry_warned_at INTEGER;
