-- Facts of a case the rules weigh: when the violation happened, whether it harmed life,
-- health or financial safety (5-year limitation), whether it is major (legal review and
-- collective discussion), the chosen discretion tier and whether the item's
-- "not corrected in time" ranges apply.

ALTER TABLE case_file ADD COLUMN violation_on TEXT;
ALTER TABLE case_file ADD COLUMN harmful INTEGER NOT NULL DEFAULT 0 CHECK (harmful IN (0, 1));
ALTER TABLE case_file ADD COLUMN major INTEGER NOT NULL DEFAULT 0 CHECK (major IN (0, 1));
ALTER TABLE case_file ADD COLUMN tier_ordinal INTEGER;
ALTER TABLE case_file ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1));
ALTER TABLE case_file ADD COLUMN case_year INTEGER;
ALTER TABLE case_file ADD COLUMN case_seq INTEGER;
