-- The report's attendance sheet lists the sessions by day, start time and id. With those in
-- the index of sessions by day, the attendances come out in that order straight from the
-- indexes; before, SQLite sorted each day's attendances in a temporary tree (at S=100, a
-- third of the year export's longest read). Widened rather than added.
DROP INDEX IF EXISTS training_held;
CREATE INDEX training_held ON training(held_on, starts_at, id);
