-- Version 6: a reviewer's setting of a report's agency or year, audited like a cell correction (who, when, why,
-- old and new value). Values are text: an agency's name, or a year; NULL old value = it was 待确认.

CREATE TABLE identity_corrections (
  id {id},
  report_id {ref} NOT NULL REFERENCES reports(id),
  field TEXT NOT NULL,                    -- 'agency' or 'year'
  old_value TEXT,
  new_value TEXT NOT NULL,
  reason TEXT NOT NULL,
  corrected_by TEXT NOT NULL,
  corrected_at TEXT NOT NULL
);
CREATE INDEX ix_identity_corrections_report ON identity_corrections(report_id);
