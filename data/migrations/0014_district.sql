-- District mode: the district's towns, every period workbook received from them, and the
-- rows of the versions in force, merged by record UUID.

-- A town or centre the district receives reports from.
CREATE TABLE district_town (
    id            TEXT PRIMARY KEY,
    town_code     TEXT NOT NULL,          -- the district's own code (the ledger's town row)
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    TEXT,
    division_code TEXT NOT NULL,          -- the town's 9-digit code, as its workbooks carry it
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL DEFAULT 'town' CHECK (kind IN ('town', 'centre')),
    contact       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    emails        TEXT NOT NULL DEFAULT '', -- the addresses it sends from, comma separated
    notes         TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX district_town_code ON district_town(division_code) WHERE deleted_at IS NULL;

-- Every workbook received, kept (the file under received/ by its SHA-256) with its outcome.
CREATE TABLE received_report (
    id             TEXT PRIMARY KEY,
    town_code      TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    deleted_at     TEXT,
    source         TEXT NOT NULL CHECK (source IN ('mail', 'folder')),
    message_id     TEXT NOT NULL DEFAULT '',   -- the mail's Message-ID (mail intake)
    sender         TEXT NOT NULL DEFAULT '',   -- the mail's From address
    received_at    TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    file_sha256    TEXT NOT NULL,
    file_size      INTEGER NOT NULL DEFAULT 0,
    from_town      TEXT NOT NULL DEFAULT '',   -- the division code its metadata names
    period         TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 0, -- the town's version (0 when unknown)
    export_id      TEXT NOT NULL DEFAULT '',   -- the town's export UUID
    content_hash   TEXT NOT NULL DEFAULT '',
    figures_json   TEXT NOT NULL DEFAULT '',   -- the cover's figures, name → value text
    outcome        TEXT NOT NULL CHECK (outcome IN ('merged', 'duplicate', 'superseded', 'late', 'rejected')),
    reason         TEXT NOT NULL DEFAULT '',   -- why rejected (words for people)
    in_force       INTEGER NOT NULL DEFAULT 0 CHECK (in_force IN (0, 1)), -- the version the district counts
    receipt_sent   INTEGER NOT NULL DEFAULT 0 CHECK (receipt_sent IN (0, 1))
);
CREATE INDEX received_report_period ON received_report(from_town, period, version);
CREATE INDEX received_report_message ON received_report(message_id) WHERE message_id <> '';
CREATE INDEX received_report_sha ON received_report(file_sha256);

-- The rows of the versions in force: derived from the kept workbooks (not audited row by row:
-- the workbook's hash is), replaced whole when a newer version of the period arrives.
CREATE TABLE district_row (
    report_id  TEXT NOT NULL REFERENCES received_report(id),
    from_town  TEXT NOT NULL,
    period     TEXT NOT NULL,
    sheet      TEXT NOT NULL,
    row_no     INTEGER NOT NULL,              -- its row on the town's sheet, for order
    tbl        TEXT NOT NULL,                 -- the town's table (case_file, training …)
    record_id  TEXT NOT NULL,                 -- the record's UUID
    cells_json TEXT NOT NULL,                 -- the row's cells as the sheet shows them
    PRIMARY KEY (from_town, period, sheet, record_id)
) WITHOUT ROWID;
CREATE INDEX district_row_report ON district_row(report_id);
CREATE INDEX district_row_period ON district_row(period, sheet, from_town, row_no);
