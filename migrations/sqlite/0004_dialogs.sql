-- Dialogs, simple mode, photos and helpers (SQLite). Keep in step with ../postgres/0004_dialogs.sql.

-- Where each member is in a multi-step flow, per chat; it survives a restart.
CREATE TABLE dialog_state (
    member_id    INTEGER NOT NULL REFERENCES members(id),
    chat_id      INTEGER NOT NULL,
    flow         TEXT    NOT NULL,
    step         TEXT    NOT NULL,
    answers      TEXT    NOT NULL DEFAULT '{}',   -- JSON object: step id -> answer
    trail        TEXT    NOT NULL DEFAULT '[]',   -- JSON array: the steps answered, for "back"
    wrong        INTEGER NOT NULL DEFAULT 0,      -- wrong answers at this step
    acting_for   INTEGER REFERENCES members(id),  -- the resident a helper is acting for
    started_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (member_id, chat_id)
);
CREATE INDEX dialog_state_idle ON dialog_state(updated_at);

-- Simple mode: numbered menus, plain words, large buttons, at most three lines a message.
ALTER TABLE members ADD COLUMN simple INTEGER NOT NULL DEFAULT 0 CHECK (simple IN (0, 1));

-- Photos of a listing, in the order they were sent.
CREATE TABLE listing_photos (
    listing_id   INTEGER NOT NULL REFERENCES listings(id),
    pos          INTEGER NOT NULL,
    file_id      TEXT    NOT NULL,
    PRIMARY KEY (listing_id, pos)
);

-- Photos sent before a message's text (an album), as transport file ids.
ALTER TABLE outbox ADD COLUMN photos TEXT NOT NULL DEFAULT '[]';

-- An optional comment with a rating.
ALTER TABLE ratings ADD COLUMN comment TEXT;

-- Who may act for whom: a family member or a social worker, agreed to by the resident.
CREATE TABLE helpers (
    resident_id  INTEGER NOT NULL REFERENCES members(id),
    helper_id    INTEGER NOT NULL REFERENCES members(id),
    granted_at   INTEGER NOT NULL,
    revoked_at   INTEGER,
    PRIMARY KEY (resident_id, helper_id)
);
-- One-time codes a resident gives to the helper they agree to.
CREATE TABLE helper_codes (
    code         TEXT    PRIMARY KEY,
    resident_id  INTEGER NOT NULL REFERENCES members(id),
    expires_at   INTEGER NOT NULL,
    used_by      INTEGER REFERENCES members(id)
);
-- Wrong codes tried, to stop guessing.
CREATE TABLE helper_attempts (
    member_id    INTEGER NOT NULL REFERENCES members(id),
    at           INTEGER NOT NULL
);
CREATE INDEX helper_attempts_by_member ON helper_attempts(member_id, at);
-- Which resident a helper is acting for right now, until when.
CREATE TABLE acting (
    helper_id    INTEGER PRIMARY KEY REFERENCES members(id),
    resident_id  INTEGER NOT NULL REFERENCES members(id),
    until        INTEGER NOT NULL
);
-- Everything a helper did for a resident, shown in the resident's history.
CREATE TABLE acted (
    id           INTEGER PRIMARY KEY,
    resident_id  INTEGER NOT NULL REFERENCES members(id),
    helper_id    INTEGER NOT NULL REFERENCES members(id),
    what         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX acted_by_resident ON acted(resident_id, id);

-- A button's action is checked by the code (`domain::Action`), so new actions need no
-- migration: the table is rebuilt without its CHECK.
CREATE TABLE callbacks_new (
    token        TEXT    PRIMARY KEY,
    action       TEXT    NOT NULL,
    listing_id   INTEGER,
    claim_id     INTEGER,
    for_member   INTEGER,           -- NULL: anyone in the chat may press it
    arg          TEXT,
    created_at   INTEGER NOT NULL
);
INSERT INTO callbacks_new SELECT token, action, listing_id, claim_id, for_member, arg, created_at FROM callbacks;
DROP TABLE callbacks;
ALTER TABLE callbacks_new RENAME TO callbacks;
