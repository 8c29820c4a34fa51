-- Issue 12 (user test): how long help takes, when the post said ("帮忙搬家 2小时"), shown on
-- its card. Kept in minutes. Keep in step with ../sqlite/0016_minutes.sql.
ALTER TABLE listings ADD COLUMN minutes BIGINT;
