-- The case list at scale. case_file_filed and case_file_filed_on index the same column: the
-- older one goes. The overdue and due-soon counts (home page and case list alike) and the
-- home page's agenda read only open, live cases' next dates, with the stage in the index so
-- that counting them reads the index alone; the list sorted by next date reads it too.

DROP INDEX IF EXISTS case_file_filed;
DROP INDEX IF EXISTS case_file_next_due;
CREATE INDEX case_file_due_open ON case_file(next_due_on, stage)
    WHERE next_due_on IS NOT NULL AND deleted_at IS NULL;
-- Sorting the list by fine reads this index instead of sorting every case.
CREATE INDEX case_file_fine ON case_file(fine);
