-- Issue 14: weekly suggestions, only with the resident's consent (/recommend on). Nothing is
-- written to `interests` unless `members.recommend` is 1; /forget deletes a resident's
-- interests and suggestions. Keep in step with ../sqlite/0010_recommend.sql.

ALTER TABLE members ADD COLUMN recommend BIGINT NOT NULL DEFAULT 0 CHECK (recommend IN (0, 1));

-- What a consenting resident searched for or claimed: one row per thing, the latest time.
CREATE TABLE interests (
    member_id BIGINT NOT NULL REFERENCES members(id),
    source    TEXT    NOT NULL CHECK (source IN ('search', 'claim')),
    text      TEXT    NOT NULL,
    times     BIGINT NOT NULL DEFAULT 1,
    at        BIGINT NOT NULL,
    PRIMARY KEY (member_id, source, text)
);

-- Listings suggested to a resident: never the same one twice.
CREATE TABLE suggestions (
    member_id  BIGINT NOT NULL REFERENCES members(id),
    listing_id BIGINT NOT NULL REFERENCES listings(id),
    at         BIGINT NOT NULL,
    PRIMARY KEY (member_id, listing_id)
);
