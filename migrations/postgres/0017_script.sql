-- Chinese in Traditional characters (locale zh-Hant) is stored as lang 'zh-CN' with script
-- 'hant': the lang column's CHECK cannot be widened in SQLite without rebuilding the table.
ALTER TABLE members ADD COLUMN script TEXT CHECK (script IN ('hant'));
