-- Issue 17, a cheap update at city scale. Keep in step with ../postgres/0013_lean.sql.

-- Flood control as one counter row per member and chat (one statement per counted message)
-- instead of a row per message that had to be deleted, counted and inserted. The old table
-- `flood` stays (unused) so that an instance not yet upgraded keeps working beside new ones.
CREATE TABLE flood_counts (
    member_id    INTEGER NOT NULL,
    chat_id      INTEGER NOT NULL,
    -- The window began with the first counted message after the last window ended.
    window_start INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (member_id, chat_id)
);

-- Pruning after the retention period, and the last update's time, without a table scan.
CREATE INDEX processed_by_time ON processed_updates(handled_at);
CREATE INDEX outbox_done_by_time ON outbox(created_at) WHERE status IN ('sent', 'failed', 'dropped');
-- What pruning asks before it deletes a sent message: does a card, a tally or a post point to it?
CREATE INDEX listings_by_card ON listings(card_outbox_id) WHERE card_outbox_id IS NOT NULL;
CREATE INDEX event_groups_by_card ON event_groups(card_outbox_id) WHERE card_outbox_id IS NOT NULL;
CREATE INDEX tallies_by_outbox ON emergency_tallies(outbox_id);
-- A listing's or a loan's pending jobs, found without scanning every pending job (claims,
-- withdrawals and returns cancel or look up the jobs about one thing).
CREATE INDEX jobs_by_ref ON jobs(ref_id, kind, status, due_at);
-- Deleting an outbox row makes the database look for the edits pointing to it (a foreign key):
-- without this index each deleted row would scan the table.
CREATE INDEX outbox_by_edit_of ON outbox(edit_of) WHERE edit_of IS NOT NULL;
