-- Version 4: the original bytes of sources whose text alone cannot show a reviewer where a number stands (PDF,
-- scans): the review page draws the cell's box on an image of its page. {blob} is BLOB / BYTEA.

CREATE TABLE source_files (
  source_id {ref} PRIMARY KEY REFERENCES sources(id),
  bytes {blob} NOT NULL
);
