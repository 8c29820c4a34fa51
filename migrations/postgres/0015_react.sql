-- Issue 12: a quiet reaction (👀) on a message the parser is unsure of, Telegram's
-- setMessageReaction. An outbox row of op 'react' carries the emoji as its text and the message
-- reacted to in react_to. Keep in step with ../sqlite/0015_react.sql.
ALTER TABLE outbox DROP CONSTRAINT outbox_op_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_op_check CHECK (op IN ('send', 'edit', 'answer', 'poll', 'stop_poll', 'react'));
ALTER TABLE outbox ADD COLUMN react_to BIGINT;

-- When a member was first told, privately, what the 👀 on their message means (once each).
ALTER TABLE members ADD COLUMN unsure_hint_at BIGINT;
