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
