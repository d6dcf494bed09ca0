-- Version 5 (PostgreSQL): a report whose agency or year the reader could not recognise is stored all the same, with
-- agency_id / year NULL (机关待确认 / 年度待确认) until a reviewer sets them. NULLs are distinct in UNIQUE (agency_id,
-- year), so every pending report stays its own.
ALTER TABLE reports ALTER COLUMN agency_id DROP NOT NULL;
ALTER TABLE reports ALTER COLUMN year DROP NOT NULL;
