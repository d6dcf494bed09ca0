-- Version 8: every ingest (CLI) and upload (web) is a batch: who, when, from where, and each file's outcome. A batch
-- can be rolled back: its versions are withdrawn (report_versions.withdrawn_by_batch), the version before each becomes
-- active again, and the batch keeps who rolled it back, when and why.

CREATE TABLE ingest_batches (
  id {id},
  origin TEXT NOT NULL,                   -- 'cli' or 'web'
  created_by TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,                   -- 'running', 'done' or 'rolled_back'
  retry_of {ref} REFERENCES ingest_batches(id),
  rolled_back_by TEXT,
  rolled_back_at TEXT,
  rollback_reason TEXT
);

CREATE TABLE batch_files (
  id {id},
  batch_id {ref} NOT NULL REFERENCES ingest_batches(id),
  name TEXT NOT NULL,                     -- as the user named it (an uploaded file's own name, a zip entry's path)
  disk_path TEXT,                         -- where a CLI ingest read it (a retry reads it there again); NULL for uploads
  outcome TEXT NOT NULL,                  -- 'stored', 'known', 'failed', 'unidentified'
  message TEXT,
  source_id {ref} REFERENCES sources(id),
  report_id {ref},                        -- no reference: a report merged by an identity correction is deleted
  version_id {ref} REFERENCES report_versions(id)
);
CREATE INDEX ix_batch_files_batch ON batch_files(batch_id);

ALTER TABLE report_versions ADD COLUMN withdrawn_by_batch {ref};
