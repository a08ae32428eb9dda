-- Storage with a ceiling (issue 16). A report workbook identical to one already kept is not
-- stored twice: its history line's attachment row points to the kept bytes by their SHA-256
-- (content left empty), found through this index. Audit rows written from this version on
-- are compact (see data/tx.go): an insert's row is its state alone, an update's before and
-- after hold only the columns that changed; rows written before keep their form and verify.
CREATE INDEX attachment_sha256 ON attachment(sha256) WHERE deleted_at IS NULL;
