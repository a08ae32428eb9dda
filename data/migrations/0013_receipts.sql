-- The district's answer to a version: acknowledged as before, or sent back ('rejected')
-- with its reason. SQLite cannot widen a CHECK, so export_record is rebuilt with the same
-- rows; outbox, whose entries reference it, is rebuilt too, pointing at the new table
-- before the old one is dropped (the connection enforces foreign keys, and dropping a
-- table still referenced would fail). The renames carry the references along.

CREATE TABLE export_record_new (
    id            TEXT PRIMARY KEY,
    town_code     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    TEXT,
    period        TEXT NOT NULL,
    version       INTEGER NOT NULL CHECK (version > 0),
    file_name     TEXT NOT NULL,
    file_sha256   TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('exported', 'queued', 'sent', 'acknowledged', 'rejected')),
    message_id    TEXT NOT NULL DEFAULT '',
    sent_at       TEXT,
    acked_at      TEXT,
    supersedes_id TEXT REFERENCES export_record_new(id),
    reject_reason TEXT NOT NULL DEFAULT '',
    UNIQUE (period, version)
);
INSERT INTO export_record_new (id, town_code, created_at, created_by, updated_at, updated_by, deleted_at, period,
    version, file_name, file_sha256, content_hash, state, message_id, sent_at, acked_at, supersedes_id)
SELECT id, town_code, created_at, created_by, updated_at, updated_by, deleted_at, period,
    version, file_name, file_sha256, content_hash, state, message_id, sent_at, acked_at, supersedes_id
FROM export_record;

CREATE TABLE outbox_new (
    id          TEXT PRIMARY KEY,
    town_code   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    export_id   TEXT NOT NULL UNIQUE REFERENCES export_record_new(id),
    state       TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    next_try_at TEXT
);
INSERT INTO outbox_new (id, town_code, created_at, created_by, updated_at, updated_by, deleted_at, export_id,
    state, attempts, last_error, next_try_at)
SELECT id, town_code, created_at, created_by, updated_at, updated_by, deleted_at, export_id,
    state, attempts, last_error, next_try_at
FROM outbox;

DROP TABLE outbox;
DROP TABLE export_record;
ALTER TABLE export_record_new RENAME TO export_record;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(state, next_try_at);
