-- Version 5 (SQLite): a report whose agency or year the reader could not recognise is stored all the same, with
-- agency_id / year NULL (机关待确认 / 年度待确认) until a reviewer sets them. SQLite cannot drop a NOT NULL, so the
-- table is rebuilt; foreign keys are deferred to the commit, by which time every reference points at the new table.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE reports_before_005 AS SELECT id, agency_id, year, active_version_id, cross_year_stale FROM reports;
DROP TABLE reports;
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER REFERENCES agencies(id),   -- NULL: 机关待确认
  year INTEGER,                                 -- NULL: 年度待确认
  active_version_id INTEGER,
  cross_year_stale INTEGER NOT NULL DEFAULT 0,
  UNIQUE (agency_id, year)                      -- NULLs are distinct: every pending report stays its own
);
INSERT INTO reports (id, agency_id, year, active_version_id, cross_year_stale)
  SELECT id, agency_id, year, active_version_id, cross_year_stale FROM reports_before_005;
DROP TABLE reports_before_005;
CREATE INDEX ix_reports_stale ON reports(cross_year_stale);
