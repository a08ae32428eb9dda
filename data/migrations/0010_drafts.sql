-- Unsaved form contents, one per user, form and record, so a crash or a slip of the mouse
-- loses nothing typed. A draft is a person's scratch, not a ledger record: it is written
-- without an audit row, carries no town code and never enters a report.
CREATE TABLE draft (
    user_id   TEXT NOT NULL,
    form      TEXT NOT NULL,            -- which form, e.g. "parties.party"
    record_id TEXT NOT NULL DEFAULT '', -- the record the form edits, '' for a new one
    body      TEXT NOT NULL,            -- the fields' values, JSON
    saved_at  TEXT NOT NULL,            -- UTC
    PRIMARY KEY (user_id, form, record_id)
);
