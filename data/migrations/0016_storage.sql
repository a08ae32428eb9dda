-- Storage with a ceiling (issue 16) needs no new table or column, so this version changes no
-- schema; it marks the ledgers written by a program that
--   * keeps audit rows compact: a row that inserts, updates or deletes a record holds the
--     record's state as its SHA-256 ("sha256:…") and an update's before and after only the
--     columns that changed; verify still rebuilds and compares every record's state, and rows
--     written before (whole states) verify as they always did (data/audit.go);
--   * keeps a report workbook's bytes only for the versions that went to the district and
--     the newest draft of each period (data/exports.go, pruneExportFiles).
SELECT 1;
