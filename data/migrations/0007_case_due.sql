-- What the case list filters and sorts by without recomputing every case's deadlines: the
-- next date the office must meet (kept current on every step) and the officers at filing.

ALTER TABLE case_file ADD COLUMN next_due_on TEXT;
ALTER TABLE case_file ADD COLUMN next_due_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE case_file ADD COLUMN officers TEXT NOT NULL DEFAULT '';
CREATE INDEX case_file_next_due ON case_file(next_due_on) WHERE next_due_on IS NOT NULL;
CREATE INDEX case_file_filed_on ON case_file(filed_on);
CREATE INDEX case_file_number ON case_file(case_year, case_seq, stage, deleted_at);
