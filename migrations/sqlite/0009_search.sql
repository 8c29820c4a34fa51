-- Issue 14: search terms of open listings (character bigrams, words, synonym groups), for
-- finding and matching within a community. Keep in step with ../postgres/0009_search.sql.

CREATE TABLE listing_terms (
    listing_id   INTEGER NOT NULL REFERENCES listings(id),
    community_id INTEGER NOT NULL,
    term         TEXT    NOT NULL,
    PRIMARY KEY (listing_id, term)
);
CREATE INDEX listing_terms_find ON listing_terms(community_id, term);

-- Wishes ("提醒我 婴儿车"): a resident is told privately when a matching offer is posted.
CREATE TABLE wishes (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members(id),
    text       TEXT    NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX wishes_live ON wishes(active, expires_at);

-- Each offer a wish was told of, once; also the daily cap.
CREATE TABLE wish_alerts (
    wish_id    INTEGER NOT NULL REFERENCES wishes(id),
    listing_id INTEGER NOT NULL REFERENCES listings(id),
    member_id  INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (wish_id, listing_id)
);
CREATE INDEX wish_alerts_by_member ON wish_alerts(member_id, at);

-- Priority for vulnerable residents (low income, disability, elderly living alone …): marked by
-- a social worker with the certificate seen and a review date; never shown in a group.
CREATE TABLE priority_marks (
    community_id INTEGER NOT NULL REFERENCES communities(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    reason       TEXT    NOT NULL,
    review_on    TEXT,
    marked_by    INTEGER NOT NULL REFERENCES members(id),
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (community_id, member_id)
);

-- A donated or priority listing is open to priority residents only until this time.
ALTER TABLE listings ADD COLUMN priority_until INTEGER;

-- Others who asked to be told when a priority listing opens to all.
CREATE TABLE priority_waiters (
    listing_id INTEGER NOT NULL REFERENCES listings(id),
    member_id  INTEGER NOT NULL REFERENCES members(id),
    PRIMARY KEY (listing_id, member_id)
);
