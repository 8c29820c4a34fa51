-- Issue 12: a quiet reaction (👀) on a message the parser is unsure of, Telegram's
-- setMessageReaction. An outbox row of op 'react' carries the emoji as its text and the message
-- reacted to in react_to. SQLite cannot change a CHECK: the table is built again with the new
-- op, as in 0012. Keep in step with ../postgres/0015_react.sql.
CREATE TABLE outbox_new (
    id           INTEGER PRIMARY KEY,
    update_key   TEXT,
    chat_id      INTEGER NOT NULL,
    op           TEXT    NOT NULL CHECK (op IN ('send', 'edit', 'answer', 'poll', 'stop_poll', 'react')),
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
    poll_id      TEXT,
    react_to     INTEGER            -- op 'react': the chat's message reacted to
);
INSERT INTO outbox_new (id, update_key, chat_id, op, text, buttons, edit_of, callback_id, alert, hold_for,
                        status, not_before, attempts, lease_until, sent_message_id, error, created_at, photos,
                        documents, poll_id)
  SELECT id, update_key, chat_id, op, text, buttons, edit_of, callback_id, alert, hold_for,
         status, not_before, attempts, lease_until, sent_message_id, error, created_at, photos,
         documents, poll_id
  FROM outbox ORDER BY id;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(status, not_before, id);
CREATE INDEX outbox_held ON outbox(hold_for) WHERE status = 'held';
CREATE INDEX outbox_unsent_by_chat ON outbox(chat_id, id) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_by_chat ON outbox(chat_id, id);
CREATE INDEX outbox_edits ON outbox(edit_of) WHERE op IN ('edit', 'stop_poll');
CREATE INDEX outbox_by_poll ON outbox(poll_id) WHERE poll_id IS NOT NULL;
CREATE INDEX outbox_done_by_time ON outbox(created_at) WHERE status IN ('sent', 'failed', 'dropped');
CREATE INDEX outbox_by_edit_of ON outbox(edit_of) WHERE edit_of IS NOT NULL;

-- When a member was first told, privately, what the 👀 on their message means (once each).
ALTER TABLE members ADD COLUMN unsure_hint_at INTEGER;
