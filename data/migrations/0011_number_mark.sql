-- A case decided in the district bureau's name (委托) carries the mark the bureau gave the
-- town in its number, e.g. 示范区应急罚〔2026〕青石12号, so the town's numbers never clash with
-- the bureau's own. Empty for the town's own (赋权) cases.
ALTER TABLE case_file ADD COLUMN number_mark TEXT NOT NULL DEFAULT '';
