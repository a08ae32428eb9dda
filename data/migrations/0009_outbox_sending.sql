-- The outbox marks an entry being sent ('sending', held until next_try_at), so a person's
-- "retry now" never hands another process's message out a second time. The table has held
-- no rows before this version; it is rebuilt with the wider state check.

CREATE TABLE outbox_new (
    id          TEXT PRIMARY KEY,
    town_code   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    export_id   TEXT NOT NULL UNIQUE REFERENCES export_record(id),
    state       TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    next_try_at TEXT
);
INSERT INTO outbox_new SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(state, next_try_at);
