-- Ratings after a hand-over: each side rates the other once, 1 to 5.
CREATE TABLE ratings (
    id           INTEGER PRIMARY KEY,
    claim_id     INTEGER NOT NULL REFERENCES claims(id),
    rater_id     INTEGER NOT NULL REFERENCES members(id),
    ratee_id     INTEGER NOT NULL REFERENCES members(id),
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    created_at   INTEGER NOT NULL,
    UNIQUE (claim_id, rater_id)
);
CREATE INDEX ratings_by_ratee ON ratings(ratee_id);
