-- One row per cell of every version, unpacked from report_versions.cells_json (see CellsJson.cs for the layout).
CREATE VIEW cells AS
SELECT v.id AS version_id,
       j.value ->> 0 AS key,
       j.value ->> 1 AS value,          -- exact decimal as text; NULL = could not be read
       j.value ->> 2 AS status,         -- read, resolved, blank, unreadable, corrected
       j.value ->> 3 AS unit,
       j.value ->> 4 AS method,
       j.value ->> 5 AS line,
       j.value ->> 6 AS col,
       j.value ->> 7 AS raw,
       j.value ->> 8 AS locator
FROM report_versions v, json_each(v.cells_json) j;
