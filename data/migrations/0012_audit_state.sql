-- Each audit row that changes a record carries the record's whole state after the change
-- (secrets and blobs as their SHA-256), so `verify` can replay the log and prove that the
-- tables hold what the log says they should. NULL on rows written before this version.
ALTER TABLE audit_log ADD COLUMN state_json TEXT;
