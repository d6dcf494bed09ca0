-- Nianbao store, version 1. Written once for both databases: {id}, {ref} and {decimal} are replaced by
-- the dialect (SQLite: INTEGER PRIMARY KEY / INTEGER / TEXT; PostgreSQL: identity BIGINT / BIGINT / NUMERIC).
-- Amounts are kept exact: SQLite has no exact decimal type, so they are stored as text there.
-- A version's ~200 cells are one JSON document (cells_json): written and read as a whole, that is several times
-- faster than a row per cell, and the view `cells` (migration 2) still gives one row per cell to SQL users.

CREATE TABLE regions (
  id {id},
  path TEXT NOT NULL UNIQUE,              -- 黑龙江省/鹤岗市: names from the top, '/'-separated
  name TEXT NOT NULL,                     -- the last component
  parent_id {ref} REFERENCES regions(id)
);
CREATE INDEX ix_regions_name ON regions(name);

CREATE TABLE agencies (
  id {id},
  name TEXT NOT NULL,                     -- the first full name seen (display name)
  name_key TEXT NOT NULL UNIQUE,          -- normalised form of that name
  loose_key TEXT NOT NULL,                -- the key without its administrative marker (鹤岗市… = 鹤岗…)
  region_id {ref} REFERENCES regions(id),
  region_origin TEXT                      -- 'name' (inferred) or 'import' (from a mapping file)
);
CREATE INDEX ix_agencies_loose ON agencies(loose_key);

CREATE TABLE agency_names (
  name_key TEXT PRIMARY KEY,              -- every variant seen, normalised
  name TEXT NOT NULL,
  agency_id {ref} NOT NULL REFERENCES agencies(id)
);

CREATE TABLE sources (
  id {id},
  sha256 TEXT NOT NULL UNIQUE,            -- same bytes twice are one source
  path TEXT NOT NULL,
  format TEXT NOT NULL,
  size {ref} NOT NULL,
  ingested_at TEXT NOT NULL,
  outcome TEXT NOT NULL,                  -- 'report', 'failed' or 'unidentified'
  error_code TEXT,
  error_message TEXT
);

CREATE TABLE reports (
  id {id},
  agency_id {ref} NOT NULL REFERENCES agencies(id),
  year INTEGER NOT NULL,
  active_version_id {ref},
  cross_year_stale INTEGER NOT NULL DEFAULT 0, -- 1: the active version changed; cross-year findings to refresh
  UNIQUE (agency_id, year)
);
CREATE INDEX ix_reports_stale ON reports(cross_year_stale);

CREATE TABLE report_versions (
  id {id},
  report_id {ref} NOT NULL REFERENCES reports(id),
  number INTEGER NOT NULL,
  kind TEXT NOT NULL,                     -- 'parsed' (from a source) or 'corrected'
  source_id {ref} REFERENCES sources(id),
  based_on_id {ref} REFERENCES report_versions(id),
  edition INTEGER,
  title TEXT,
  title_agency TEXT,
  signature_agency TEXT,
  title_year INTEGER,
  period_year INTEGER,
  published TEXT,
  sections_json TEXT NOT NULL,
  cells_json TEXT NOT NULL,               -- every cell of the edition, see CellsJson.cs; rows in the view `cells`
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT,
  reason TEXT,
  UNIQUE (report_id, number)
);

CREATE TABLE findings (
  id {id},
  version_id {ref} NOT NULL REFERENCES report_versions(id),
  origin TEXT NOT NULL,                   -- 'read' (recognition) or 'check' (rules; rerun after a correction)
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  cells TEXT NOT NULL,                    -- keys, comma-separated
  expected TEXT,
  actual TEXT,
  line INTEGER
);
CREATE INDEX ix_findings_version ON findings(version_id);

CREATE TABLE corrections (
  id {id},
  version_id {ref} NOT NULL REFERENCES report_versions(id),
  cell_key TEXT NOT NULL,
  old_value {decimal},
  new_value {decimal},
  reason TEXT NOT NULL,
  corrected_by TEXT NOT NULL,
  corrected_at TEXT NOT NULL
);

-- Findings that compare a report with the same agency's previous year (S1–S3, W11); recomputed whenever
-- either year's active version changes.
CREATE TABLE cross_year_findings (
  id {id},
  report_id {ref} NOT NULL REFERENCES reports(id),
  previous_report_id {ref} NOT NULL REFERENCES reports(id),
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  cells TEXT NOT NULL,
  expected TEXT,
  actual TEXT
);
CREATE INDEX ix_cross_year_report ON cross_year_findings(report_id);
