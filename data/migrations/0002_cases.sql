-- Parties, the delegated catalogue, penalty cases and the working-day calendar.

CREATE TABLE party (
    id            TEXT PRIMARY KEY,
    town_code     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    TEXT,
    kind          TEXT NOT NULL CHECK (kind IN ('org', 'person')),
    name          TEXT NOT NULL,
    name_initials TEXT NOT NULL DEFAULT '',
    credit_code   TEXT,
    id_number     TEXT,
    legal_rep     TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    industry      TEXT NOT NULL DEFAULT '',
    contact       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    village       TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX party_credit_live ON party(credit_code) WHERE deleted_at IS NULL AND credit_code IS NOT NULL;
CREATE INDEX party_name ON party(name);
CREATE INDEX party_initials ON party(name_initials);

CREATE TABLE catalog_item (
    id                   TEXT PRIMARY KEY,
    town_code            TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    created_by           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    updated_by           TEXT NOT NULL,
    deleted_at           TEXT,
    item_key             TEXT NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    code                 TEXT NOT NULL,
    name                 TEXT NOT NULL,
    delegation           TEXT NOT NULL CHECK (delegation IN ('grant', 'entrust')),
    agreement_ref        TEXT NOT NULL DEFAULT '',
    unit_min             INTEGER,
    unit_max             INTEGER,
    person_min           INTEGER,
    person_max           INTEGER,
    late_unit_min        INTEGER,
    late_unit_max        INTEGER,
    late_person_min      INTEGER,
    late_person_max      INTEGER,
    late_extra           TEXT NOT NULL DEFAULT '',
    minor_exempt         INTEGER NOT NULL DEFAULT 0,
    first_exempt         INTEGER NOT NULL DEFAULT 0,
    exempt_conditions    TEXT NOT NULL DEFAULT '',
    effective_from       TEXT NOT NULL,
    effective_to         TEXT,
    status               TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revised', 'recalled')),
    supersedes_id        TEXT REFERENCES catalog_item(id),
    CHECK (unit_min IS NULL OR unit_max IS NULL OR unit_min <= unit_max)
);
CREATE UNIQUE INDEX catalog_item_version ON catalog_item(item_key, version) WHERE deleted_at IS NULL;

-- Legal references are data, never constants in code: law, version, article, paragraph, item.
CREATE TABLE legal_ref (
    id          TEXT PRIMARY KEY,
    town_code   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    item_id     TEXT NOT NULL REFERENCES catalog_item(id),
    role        TEXT NOT NULL CHECK (role IN ('obligation', 'basis')),
    law         TEXT NOT NULL,
    law_version TEXT NOT NULL DEFAULT '',
    article     INTEGER NOT NULL,
    paragraph   INTEGER,
    item        INTEGER
);
CREATE INDEX legal_ref_item ON legal_ref(item_id);

CREATE TABLE discretion_tier (
    id             TEXT PRIMARY KEY,
    town_code      TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    deleted_at     TEXT,
    item_id        TEXT NOT NULL REFERENCES catalog_item(id),
    ordinal        INTEGER NOT NULL,
    name           TEXT NOT NULL,
    condition_text TEXT NOT NULL DEFAULT '',
    unit_min       INTEGER,
    unit_max       INTEGER,
    person_min     INTEGER,
    person_max     INTEGER
);
CREATE INDEX discretion_tier_item ON discretion_tier(item_id, ordinal);

CREATE TABLE case_file (
    id            TEXT PRIMARY KEY,
    town_code     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    TEXT,
    procedure     TEXT NOT NULL CHECK (procedure IN ('summary', 'general')),
    item_id       TEXT REFERENCES catalog_item(id),
    party_id      TEXT NOT NULL REFERENCES party(id),
    title         TEXT NOT NULL DEFAULT '',
    stage         TEXT NOT NULL,
    issuing_body  TEXT NOT NULL DEFAULT '',
    case_no       TEXT,
    discovered_on TEXT,
    filed_on      TEXT,
    decided_on    TEXT,
    closed_on     TEXT,
    outcome       TEXT NOT NULL DEFAULT '',
    fine          INTEGER NOT NULL DEFAULT 0 CHECK (fine >= 0),
    facts         TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_file_party ON case_file(party_id);
CREATE INDEX case_file_stage ON case_file(stage);
CREATE INDEX case_file_filed ON case_file(filed_on);
CREATE UNIQUE INDEX case_file_no ON case_file(case_no) WHERE case_no IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE case_event (
    id          TEXT PRIMARY KEY,
    town_code   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    case_id     TEXT NOT NULL REFERENCES case_file(id),
    step        TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    officers    TEXT NOT NULL DEFAULT '',
    doc_no      TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    payload     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_event_case ON case_event(case_id, occurred_on);

-- One gap-free sequence per issuing body, document code and year; voided numbers stay.
CREATE TABLE case_number (
    id           TEXT PRIMARY KEY,
    town_code    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   TEXT,
    issuing_body TEXT NOT NULL,
    doc_code     TEXT NOT NULL,
    year         INTEGER NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    case_id      TEXT REFERENCES case_file(id),
    state        TEXT NOT NULL CHECK (state IN ('used', 'voided')),
    void_reason  TEXT NOT NULL DEFAULT '',
    UNIQUE (issuing_body, doc_code, year, seq)
);

CREATE TABLE calendar_day (
    id         TEXT PRIMARY KEY,
    town_code  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    day        TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name       TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX calendar_day_live ON calendar_day(day) WHERE deleted_at IS NULL;
