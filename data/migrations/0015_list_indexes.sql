-- The case list at scale.
--
-- case_file_filed and case_file_filed_on indexed the same column; both go for one index of
-- the live cases' filing days. The list reads only live cases, so its sort indexes hold only
-- those: a page far down the list is found by counting index entries alone, without reading
-- each case to see whether it was deleted.
DROP INDEX IF EXISTS case_file_filed;
DROP INDEX IF EXISTS case_file_filed_on;
CREATE INDEX case_file_filed_live ON case_file(filed_on) WHERE deleted_at IS NULL;
DROP INDEX IF EXISTS case_file_stage;
CREATE INDEX case_file_stage_live ON case_file(stage) WHERE deleted_at IS NULL;
CREATE INDEX case_file_fine_live ON case_file(fine) WHERE deleted_at IS NULL;

-- The overdue and due-soon counts (home page and case list alike), the home page's agenda
-- and the list sorted by next date read only live cases' next dates, with the stage in the
-- index so that counting the open ones reads the index alone.
DROP INDEX IF EXISTS case_file_next_due;
CREATE INDEX case_file_due_open ON case_file(next_due_on, stage)
    WHERE next_due_on IS NOT NULL AND deleted_at IS NULL;
