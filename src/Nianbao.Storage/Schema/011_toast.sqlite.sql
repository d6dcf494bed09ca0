-- Version 11 (SQLite): nothing to change. PostgreSQL's version 11 tunes TOAST compression, which SQLite does not
-- have; the version is recorded all the same, so both databases carry the same schema versions.
SELECT 1;
