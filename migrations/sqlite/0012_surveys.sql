-- Issue 15, needs surveys: quick questions as Telegram native polls in the groups, and longer
-- questionnaires answered in private chat. Keep in step with ../postgres/0012_surveys.sql.

-- A survey of one community: a poll (one question sent as a native poll to its group) or a
-- form (several questions, answered privately one by one).
CREATE TABLE surveys (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    kind         TEXT    NOT NULL CHECK (kind IN ('poll', 'form')),
    title        TEXT    NOT NULL,
    created_by   INTEGER NOT NULL REFERENCES members(id),
    created_at   INTEGER NOT NULL,
    closed_at    INTEGER,
    -- When it went to the group; a questionnaire is a draft until the worker sends it.
    published_at INTEGER
);
CREATE INDEX surveys_by_community ON surveys(community_id, id);

-- Its questions in order (n from 1): options as a JSON array; none for a free-text answer.
CREATE TABLE survey_questions (
    survey_id INTEGER NOT NULL REFERENCES surveys(id),
    n         INTEGER NOT NULL,
    text      TEXT    NOT NULL,
    options   TEXT    NOT NULL DEFAULT '[]',
    PRIMARY KEY (survey_id, n)
);

-- One answer per resident and question: the option chosen (from 1) or the words written.
-- A new vote replaces the old one; a vote taken back deletes it.
CREATE TABLE survey_answers (
    survey_id INTEGER NOT NULL REFERENCES surveys(id),
    n         INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members(id),
    choice    INTEGER,
    text      TEXT,
    at        INTEGER NOT NULL,
    PRIMARY KEY (survey_id, n, member_id)
);

-- A survey's posts in its group (survey_polls): its native poll, or a questionnaire's notice.
-- A native poll is one outbox row (op 'poll', closed by a row 'stop_poll'); once sent, the
-- id Telegram gave the poll, by which its answers come back. SQLite cannot change a CHECK:
-- the table is built again with the new ops.
CREATE TABLE outbox_new (
    id           INTEGER PRIMARY KEY,
    update_key   TEXT,
    chat_id      INTEGER NOT NULL,
    op           TEXT    NOT NULL CHECK (op IN ('send', 'edit', 'answer', 'poll', 'stop_poll')),
    text         TEXT    NOT NULL,
    buttons      TEXT    NOT NULL DEFAULT '[]',
    edit_of      INTEGER REFERENCES outbox_new(id),
    callback_id  TEXT,
    alert        INTEGER NOT NULL DEFAULT 0 CHECK (alert IN (0, 1)),
    hold_for     INTEGER,           -- member who must open a private chat first
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'held', 'sending', 'sent', 'failed', 'dropped')),
    not_before   INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    lease_until  INTEGER,
    sent_message_id INTEGER,
    error        TEXT,
    created_at   INTEGER NOT NULL,
    photos       TEXT    NOT NULL DEFAULT '[]',
    documents    TEXT    NOT NULL DEFAULT '[]',
    poll_id      TEXT
);
INSERT INTO outbox_new (id, update_key, chat_id, op, text, buttons, edit_of, callback_id, alert, hold_for,
                        status, not_before, attempts, lease_until, sent_message_id, error, created_at, photos, documents)
  SELECT id, update_key, chat_id, op, text, buttons, edit_of, callback_id, alert, hold_for,
         status, not_before, attempts, lease_until, sent_message_id, error, created_at, photos, documents
  FROM outbox ORDER BY id;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(status, not_before, id);
CREATE INDEX outbox_held ON outbox(hold_for) WHERE status = 'held';
CREATE INDEX outbox_unsent_by_chat ON outbox(chat_id, id) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_by_chat ON outbox(chat_id, id);
CREATE INDEX outbox_edits ON outbox(edit_of) WHERE op IN ('edit', 'stop_poll');
CREATE INDEX outbox_by_poll ON outbox(poll_id) WHERE poll_id IS NOT NULL;
CREATE TABLE survey_polls (
    outbox_id INTEGER PRIMARY KEY,
    survey_id INTEGER NOT NULL REFERENCES surveys(id)
);
