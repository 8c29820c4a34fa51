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
