-- A member's newest messages, sent or not: a typed "1" presses the newest buttons shown to them.
CREATE INDEX outbox_by_chat ON outbox(chat_id, id);
