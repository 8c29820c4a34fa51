-- Issue 15, the social workers' desk: files the bot sends (CSV exports, PNG charts), sent as
-- documents or photos from the outbox. Keep in step with ../postgres/0011_desk.sql.

CREATE TABLE files (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    mime       TEXT    NOT NULL,
    data       BLOB    NOT NULL,
    created_at INTEGER NOT NULL
);

-- Files sent as documents before a message's text (ids of `files`), as JSON.
ALTER TABLE outbox ADD COLUMN documents TEXT NOT NULL DEFAULT '[]';

-- Figures for a community and a period (/stats, /export) read these without a scan.
CREATE INDEX listings_by_community_time ON listings(community_id, created_at);
CREATE INDEX claims_by_listing ON claims(listing_id);
CREATE INDEX transfers_by_community_time ON transfers(community_id, created_at);
CREATE INDEX audit_by_community ON audit(community_id, id);

-- An emergency (/emergency): a notice to the community's group with "I'm safe / I need help /
-- I can help" buttons, an optional roll-call of things ("谁家有：发电机 / 轮椅"), and a live
-- tally for the workers.
CREATE TABLE emergencies (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    text         TEXT    NOT NULL,
    items        TEXT    NOT NULL DEFAULT '[]',
    opened_by    INTEGER NOT NULL REFERENCES members(id),
    status       TEXT    NOT NULL CHECK (status IN ('open', 'closed')),
    created_at   INTEGER NOT NULL,
    closed_at    INTEGER
);
CREATE INDEX emergencies_by_community ON emergencies(community_id, status);

-- Each resident's latest answer: safe, need (help), or help (can help).
CREATE TABLE emergency_answers (
    emergency_id INTEGER NOT NULL REFERENCES emergencies(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    answer       TEXT    NOT NULL CHECK (answer IN ('safe', 'need', 'help')),
    at           INTEGER NOT NULL,
    PRIMARY KEY (emergency_id, member_id)
);

-- The roll-call: who said they have which thing (told to the workers only).
CREATE TABLE emergency_has (
    emergency_id INTEGER NOT NULL REFERENCES emergencies(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    item         TEXT    NOT NULL,
    at           INTEGER NOT NULL,
    PRIMARY KEY (emergency_id, member_id, item)
);

-- The tally message in each workers' place (a workers' chat, or a worker's private chat),
-- edited after every answer.
CREATE TABLE emergency_tallies (
    emergency_id INTEGER NOT NULL REFERENCES emergencies(id),
    chat_id      INTEGER NOT NULL,
    outbox_id    INTEGER NOT NULL,
    PRIMARY KEY (emergency_id, chat_id)
);
-- One open emergency per community, even when two workers send one at the same moment.
CREATE UNIQUE INDEX emergencies_one_open ON emergencies(community_id) WHERE status = 'open';
-- A newer edit of a message replaces the ones not yet sent (the emergency tally).
CREATE INDEX outbox_edits ON outbox(edit_of) WHERE op = 'edit';
