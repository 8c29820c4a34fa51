-- Linli schema, SQLite. Times are UTC unix seconds. Keep in step with ../postgres/0001_init.sql.

CREATE TABLE communities (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE members (
    id          INTEGER PRIMARY KEY,              -- the Telegram user id
    name        TEXT    NOT NULL,
    lang        TEXT    CHECK (lang IN ('zh-CN', 'en')),
    dm_open     INTEGER NOT NULL DEFAULT 0 CHECK (dm_open IN (0, 1)),
    credit      INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE memberships (
    community_id INTEGER NOT NULL REFERENCES communities(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    joined_at    INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    PRIMARY KEY (community_id, member_id)
);

-- community_id 0 = every community
CREATE TABLE member_roles (
    member_id    INTEGER NOT NULL REFERENCES members(id),
    community_id INTEGER NOT NULL,
    role         TEXT    NOT NULL CHECK (role IN ('worker', 'admin')),
    PRIMARY KEY (member_id, community_id, role)
);

-- member_id 0 for the community's own accounts
CREATE TABLE accounts (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    kind         TEXT    NOT NULL CHECK (kind IN ('member', 'issuance', 'escrow', 'pool')),
    member_id    INTEGER NOT NULL DEFAULT 0,
    -- The sum of the account's entries, kept by the entries_balance trigger only.
    balance      INTEGER NOT NULL DEFAULT 0,
    CHECK ((kind = 'member') = (member_id <> 0)),
    UNIQUE (community_id, kind, member_id)
);

CREATE TABLE transfers (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    kind         TEXT    NOT NULL CHECK (kind IN ('starter', 'hold', 'release', 'refund', 'grant', 'adjust', 'reverse', 'subsidy', 'donation', 'expire')),
    memo         TEXT    NOT NULL,
    idem_key     TEXT    NOT NULL UNIQUE,
    corrects     INTEGER REFERENCES transfers(id),
    listing_id   INTEGER,
    actor_id     INTEGER,                -- the worker who made it; NULL for the bot's own
    -- The two sides: the transfers_entries trigger writes them to the journal as two entries.
    from_account INTEGER NOT NULL REFERENCES accounts(id),
    to_account   INTEGER NOT NULL REFERENCES accounts(id),
    amount       INTEGER NOT NULL CHECK (amount > 0),
    created_at   INTEGER NOT NULL
);

CREATE TABLE entries (
    id           INTEGER PRIMARY KEY,
    transfer_id  INTEGER NOT NULL REFERENCES transfers(id),
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    amount       INTEGER NOT NULL CHECK (amount <> 0)
);
CREATE INDEX entries_by_account ON entries(account_id);
-- A transfer is corrected (reversed) at most once.
CREATE UNIQUE INDEX transfers_corrected_once ON transfers(corrects) WHERE corrects IS NOT NULL;
CREATE INDEX entries_by_transfer ON entries(transfer_id);

-- Every transfer is two entries that sum to zero, written by the database itself.
CREATE TRIGGER transfers_entries AFTER INSERT ON transfers
BEGIN
    INSERT INTO entries (transfer_id, account_id, amount) VALUES (NEW.id, NEW.from_account, -NEW.amount), (NEW.id, NEW.to_account, NEW.amount);
END;

-- Each entry moves its account's balance, in the same statement.
CREATE TRIGGER entries_balance AFTER INSERT ON entries
BEGIN
    UPDATE accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id;
END;

-- The journal is append-only: a correction is a new transfer.
CREATE TRIGGER entries_append_only_u BEFORE UPDATE ON entries BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER entries_append_only_d BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER transfers_append_only_u BEFORE UPDATE ON transfers BEGIN SELECT RAISE(ABORT, 'ledger transfers are append-only'); END;
CREATE TRIGGER transfers_append_only_d BEFORE DELETE ON transfers BEGIN SELECT RAISE(ABORT, 'ledger transfers are append-only'); END;

-- Who did what, when and why: every social worker's operation.
CREATE TABLE audit (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    actor_id     INTEGER NOT NULL,
    action       TEXT    NOT NULL,
    target_id    INTEGER,
    transfer_id  INTEGER REFERENCES transfers(id),
    reason       TEXT    NOT NULL CHECK (length(reason) > 0),
    created_at   INTEGER NOT NULL
);

CREATE TABLE listings (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    owner_id     INTEGER NOT NULL REFERENCES members(id),
    kind         TEXT    NOT NULL CHECK (kind IN ('offer', 'request')),
    resource     TEXT    NOT NULL CHECK (resource IN ('item', 'service', 'skill')),
    mode         TEXT    CHECK (mode IN ('give', 'lend', 'swap')),
    title        TEXT    NOT NULL,
    category     TEXT,
    condition    TEXT    CHECK (condition IN ('new', 'like_new', 'good', 'fair', 'poor')),
    points       INTEGER NOT NULL CHECK (points >= 0),
    suggested    INTEGER NOT NULL CHECK (suggested >= 0),
    quantity     INTEGER,
    days         INTEGER,               -- how long a loan lasts, when the listing says
    status       TEXT    NOT NULL CHECK (status IN ('open', 'reserved', 'accepted', 'lent', 'done', 'withdrawn', 'expired')),
    source_text  TEXT    NOT NULL,
    card_outbox_id INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX listings_by_community ON listings(community_id, status);

CREATE TABLE claims (
    id           INTEGER PRIMARY KEY,
    listing_id   INTEGER NOT NULL REFERENCES listings(id),
    claimer_id   INTEGER NOT NULL REFERENCES members(id),
    giver_id     INTEGER NOT NULL REFERENCES members(id),
    receiver_id  INTEGER NOT NULL REFERENCES members(id),
    points       INTEGER NOT NULL CHECK (points >= 0),
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'confirmed', 'cancelled')),
    hold_transfer_id INTEGER REFERENCES transfers(id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
-- At most one live claim per listing.
CREATE UNIQUE INDEX claims_one_live ON claims(listing_id) WHERE status IN ('pending', 'accepted');

-- What a button means, looked up by its opaque token.
CREATE TABLE callbacks (
    token        TEXT    PRIMARY KEY,
    action       TEXT    NOT NULL CHECK (action IN ('claim', 'accept', 'decline', 'confirm', 'set_lang', 'renew', 'withdraw',
                                                    'returned', 'extend', 'extend_ok', 'extend_no', 'snooze', 'stop', 'rate')),
    listing_id   INTEGER,
    claim_id     INTEGER,
    for_member   INTEGER,           -- NULL: anyone in the chat may press it
    arg          TEXT,
    created_at   INTEGER NOT NULL
);

-- Updates already handled (Telegram delivers at least once).
CREATE TABLE processed_updates (
    update_key   TEXT    PRIMARY KEY,
    handled_at   INTEGER NOT NULL
);

-- Every message to send, written in the same transaction as the effects that caused it.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    update_key   TEXT,
    chat_id      INTEGER NOT NULL,
    op           TEXT    NOT NULL CHECK (op IN ('send', 'edit', 'answer')),
    text         TEXT    NOT NULL,
    buttons      TEXT    NOT NULL DEFAULT '[]',
    edit_of      INTEGER REFERENCES outbox(id),
    callback_id  TEXT,
    alert        INTEGER NOT NULL DEFAULT 0 CHECK (alert IN (0, 1)),
    hold_for     INTEGER,           -- member who must open a private chat first
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'held', 'sending', 'sent', 'failed', 'dropped')),
    not_before   INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    lease_until  INTEGER,
    sent_message_id INTEGER,
    error        TEXT,
    created_at   INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox(status, not_before, id);
CREATE INDEX outbox_held ON outbox(hold_for) WHERE status = 'held';
CREATE INDEX outbox_unsent_by_chat ON outbox(chat_id, id) WHERE status IN ('pending', 'sending');
