-- Core: the town, its settings, its users and the append-only audit log.
-- Every record table carries the same bookkeeping columns:
--   id (UUID), town_code, created_at/by, updated_at/by, deleted_at (soft delete).
-- Times are UTC RFC 3339 text; calendar dates are 'YYYY-MM-DD' text; money is integer fen.

CREATE TABLE town (
    id             TEXT PRIMARY KEY,
    town_code      TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    deleted_at     TEXT,
    name           TEXT NOT NULL,
    short_name     TEXT NOT NULL DEFAULT '',
    division_code  TEXT NOT NULL,
    district_name  TEXT NOT NULL DEFAULT '',
    district_email TEXT NOT NULL DEFAULT '',
    agency_name    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX town_code_live ON town(town_code) WHERE deleted_at IS NULL;

CREATE TABLE setting (
    id         TEXT PRIMARY KEY,
    town_code  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL
);
CREATE UNIQUE INDEX setting_key_live ON setting(town_code, key) WHERE deleted_at IS NULL;

CREATE TABLE app_user (
    id            TEXT PRIMARY KEY,
    town_code     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    TEXT,
    username      TEXT NOT NULL COLLATE NOCASE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles         TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    last_login_at TEXT
);
CREATE UNIQUE INDEX app_user_name_live ON app_user(username) WHERE deleted_at IS NULL;

-- The 全过程记录: one row per write, chained by hash so an edit outside the app shows.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    town_code   TEXT NOT NULL,
    at          TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
