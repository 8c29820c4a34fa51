-- Issue 17: Telegram's limits kept across instances. Keep in step with ../sqlite/0014_pace.sql.

-- Each chat's next free moment to send, shared by every instance on this database: a send
-- reserves its slot here in one statement (milliseconds on the database's clock), so two
-- instances never send to one chat within the chat's gap. For a group, `tat_ms` is the
-- theoretical arrival time of a cell-rate algorithm that keeps to its per-minute limit.
CREATE TABLE send_pace (
    chat_id BIGINT PRIMARY KEY,
    at_ms   BIGINT NOT NULL,
    next_ms BIGINT NOT NULL,
    tat_ms  BIGINT NOT NULL
);

-- When Telegram was last asked who administers each group: instances share the hourly
-- refresh by claiming the communities not asked within the hour (none asks all of them).
ALTER TABLE communities ADD COLUMN admins_checked_at BIGINT NOT NULL DEFAULT 0;
