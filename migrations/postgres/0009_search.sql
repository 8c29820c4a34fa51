-- Issue 14: search terms of open listings (character bigrams, words, synonym groups), for
-- finding and matching within a community. Keep in step with ../sqlite/0009_search.sql.

CREATE TABLE listing_terms (
    listing_id   BIGINT  NOT NULL REFERENCES listings(id),
    community_id BIGINT  NOT NULL,
    term         TEXT    NOT NULL,
    PRIMARY KEY (listing_id, term)
);
CREATE INDEX listing_terms_find ON listing_terms(community_id, term);
