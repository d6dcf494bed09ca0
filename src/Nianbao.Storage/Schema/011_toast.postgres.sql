-- Version 11 (PostgreSQL): cheaper TOAST for the large values every ingested file writes (issue 12). The server's
-- CPU per file (about 1 ms, more than the writer's own) goes largely to compressing them:
-- * the layout text and the original bytes are already compressed (gzip; PDF, images): stored out of line as they
--   are instead of PostgreSQL trying pglz on them again and giving up;
-- * a version's cells and sections (JSON text, ~20 KB) are compressed with lz4 instead of pglz when the server was
--   built with lz4 (several times faster to write and to read, a little larger); other servers keep pglz.
-- Only values written from now on are affected; older ones stay readable as they are.
ALTER TABLE source_texts ALTER COLUMN text_gz SET STORAGE EXTERNAL;
ALTER TABLE source_files ALTER COLUMN bytes SET STORAGE EXTERNAL;
DO $$
BEGIN
  ALTER TABLE report_versions ALTER COLUMN cells_json SET COMPRESSION lz4;
  ALTER TABLE report_versions ALTER COLUMN sections_json SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL; -- built without lz4: pglz as before
END
$$;
