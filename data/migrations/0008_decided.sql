-- The 双公示 sheet and period figures read decisions by date.
CREATE INDEX case_file_decided ON case_file(decided_on) WHERE decided_on IS NOT NULL;
