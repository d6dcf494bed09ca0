-- Version 9: the metric dictionary's values (Data/metrics.json) per report version, written with the version.
-- value NULL = 不适用 or unknown, and reason says which and why (a 0 denominator is never stored as 0 or 100).
-- Versions stored before this migration are filled in by the store when it is opened (MetricRows.Backfill).

CREATE TABLE version_metrics (
  version_id {ref} NOT NULL REFERENCES report_versions(id),
  metric TEXT NOT NULL,
  value {decimal},
  reason TEXT,
  PRIMARY KEY (version_id, metric)
);

-- An agency's kind for peer comparison, set by `regions import` (column kind); NULL = inferred
-- from the name (Data/agency_kinds.json).
ALTER TABLE agencies ADD COLUMN kind TEXT;
