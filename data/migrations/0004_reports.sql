-- Export history and the mail outbox.

CREATE TABLE export_record (
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
    state         TEXT NOT NULL CHECK (state IN ('exported', 'queued', 'sent', 'acknowledged')),
    message_id    TEXT NOT NULL DEFAULT '',
    sent_at       TEXT,
    acked_at      TEXT,
    supersedes_id TEXT REFERENCES export_record(id),
    UNIQUE (period, version)
);

CREATE TABLE outbox (
    id          TEXT PRIMARY KEY,
    town_code   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    export_id   TEXT NOT NULL UNIQUE REFERENCES export_record(id),
    state       TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    next_try_at TEXT
);
