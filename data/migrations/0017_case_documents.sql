-- The 执法文书 produced for a case's steps, kept as served: the PDF itself, its SHA-256, the
-- step and document it is, its number, and the free texts (facts, evidence, reasons,
-- opinions) the officer edited for it. Who produced it and when are the record's
-- created_by/created_at; the audit log names the file by its hash, never copies it.
CREATE TABLE case_document (
    id          TEXT PRIMARY KEY,
    town_code   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    case_id     TEXT NOT NULL REFERENCES case_file(id),
    event_id    TEXT,
    step        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    doc_no      TEXT NOT NULL DEFAULT '',
    doc_date    TEXT NOT NULL DEFAULT '',
    pages       INTEGER NOT NULL CHECK (pages > 0),
    size        INTEGER NOT NULL CHECK (size > 0),
    sha256      TEXT NOT NULL,
    texts       TEXT NOT NULL DEFAULT '{}',
    content     BLOB NOT NULL
);
CREATE INDEX case_document_case ON case_document(case_id, created_at);
