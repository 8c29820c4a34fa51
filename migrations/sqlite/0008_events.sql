-- Issue 13: offline swap events. Keep in step with ../postgres/0008_events.sql.

CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    community_id     INTEGER NOT NULL REFERENCES communities(id), -- its home: pays the points
    created_by       INTEGER NOT NULL REFERENCES members(id),
    title            TEXT    NOT NULL,
    theme            TEXT    NOT NULL,                            -- a category, or 'any'
    place            TEXT    NOT NULL,
    starts_at        INTEGER NOT NULL,
    ends_at          INTEGER NOT NULL,
    slots            TEXT    NOT NULL DEFAULT '',
    capacity         INTEGER NOT NULL CHECK (capacity > 0),
    item_limit       INTEGER NOT NULL CHECK (item_limit >= 0),
    attend_points    INTEGER NOT NULL CHECK (attend_points >= 0),
    volunteer_points INTEGER NOT NULL CHECK (volunteer_points >= 0),
    recurrence       TEXT    NOT NULL DEFAULT 'none' CHECK (recurrence IN ('none', 'weekly', 'monthly')),
    series_of        INTEGER REFERENCES events(id),
    walk_ins         INTEGER NOT NULL DEFAULT 0,                      -- people let in at the door with no sign-up
    status           TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'done', 'cancelled')),
    created_at       INTEGER NOT NULL
);

-- The groups an event is announced in, with its card there.
CREATE TABLE event_groups (
    event_id       INTEGER NOT NULL REFERENCES events(id),
    community_id   INTEGER NOT NULL REFERENCES communities(id),
    card_outbox_id INTEGER,
    PRIMARY KEY (event_id, community_id)
);

CREATE TABLE event_signups (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events(id),
    member_id     INTEGER NOT NULL REFERENCES members(id),
    people        INTEGER NOT NULL DEFAULT 1 CHECK (people > 0),
    status        TEXT    NOT NULL CHECK (status IN ('confirmed', 'waitlist', 'cancelled')),
    seq           INTEGER NOT NULL,                 -- arrival order (the waitlist's order)
    code          TEXT    NOT NULL UNIQUE,
    walk_in       INTEGER NOT NULL DEFAULT 0,
    signed_by     INTEGER REFERENCES members(id),   -- a helper who signed them up
    checked_in_at INTEGER,
    checked_in_by INTEGER REFERENCES members(id),
    reminded      TEXT    NOT NULL DEFAULT '',      -- 'day', 'day,soon'
    waited        INTEGER NOT NULL DEFAULT 0,       -- was on the waitlist at some time
    promoted      INTEGER NOT NULL DEFAULT 0,       -- got a place from the waitlist
    stars         INTEGER CHECK (stars BETWEEN 1 AND 5),
    comment       TEXT,
    next_wish     TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (event_id, member_id)
);
CREATE INDEX event_signups_order ON event_signups(event_id, status, seq);

CREATE TABLE event_volunteers (
    event_id   INTEGER NOT NULL REFERENCES events(id),
    member_id  INTEGER NOT NULL REFERENCES members(id),
    added_by   INTEGER NOT NULL REFERENCES members(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, member_id)
);

CREATE TABLE event_swaps (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id),
    listing_a   INTEGER NOT NULL REFERENCES listings(id),
    listing_b   INTEGER REFERENCES listings(id),
    member_a    INTEGER NOT NULL REFERENCES members(id),
    member_b    INTEGER NOT NULL REFERENCES members(id),
    points      INTEGER NOT NULL DEFAULT 0,
    recorded_by INTEGER NOT NULL REFERENCES members(id),
    created_at  INTEGER NOT NULL
);

CREATE TABLE event_photos (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id),
    file_id    TEXT    NOT NULL,
    added_by   INTEGER NOT NULL REFERENCES members(id),
    created_at INTEGER NOT NULL
);

-- Wrong check-in codes, to cut guessing off.
CREATE TABLE checkin_misses (
    member_id  INTEGER NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX checkin_misses_by_member ON checkin_misses(member_id, at);

ALTER TABLE listings ADD COLUMN event_id INTEGER REFERENCES events(id);
