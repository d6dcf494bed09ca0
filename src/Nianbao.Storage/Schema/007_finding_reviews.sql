-- Version 7: a reviewer's status for each finding (待复核 / 确认问题 / 不是问题 / 已整改) and its audit trail.
-- A finding is known across versions and re-ingests by its key (rule and sorted cells; see FindingKeys.cs), kept on
-- every finding row, and by its report (agency + year): a review belongs to (report_id, finding_key), never to a
-- version. Rows written before this version get their key when the store is opened (FindingKeys.Backfill).

ALTER TABLE findings ADD COLUMN finding_key TEXT;
ALTER TABLE cross_year_findings ADD COLUMN finding_key TEXT;

CREATE TABLE finding_reviews (
  id {id},
  report_id {ref} NOT NULL REFERENCES reports(id),
  finding_key TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  cells TEXT NOT NULL,
  message TEXT NOT NULL,                  -- the finding's message when last reviewed (shown once it is 已整改)
  status TEXT NOT NULL,                   -- 'pending', 'confirmed', 'dismissed' or 'resolved'
  reason TEXT,
  reviewed_by TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  UNIQUE (report_id, finding_key)
);

CREATE TABLE finding_review_log (
  id {id},
  report_id {ref} NOT NULL REFERENCES reports(id),
  finding_key TEXT NOT NULL,
  rule TEXT NOT NULL,
  old_status TEXT NOT NULL,
  new_status TEXT NOT NULL,
  reason TEXT,
  changed_by TEXT NOT NULL,               -- a reviewer, or 系统 for 已整改 set when a later version no longer raises it
  changed_at TEXT NOT NULL
);
CREATE INDEX ix_finding_review_log_report ON finding_review_log(report_id);
