-- Staff, training sessions and attendance, publicity activities, attachments.

CREATE TABLE staff (
    id            TEXT PRIMARY KEY,
    town_code     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    TEXT,
    name          TEXT NOT NULL,
    name_initials TEXT NOT NULL DEFAULT '',
    unit          TEXT NOT NULL DEFAULT '',
    position      TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    is_officer    INTEGER NOT NULL DEFAULT 0 CHECK (is_officer IN (0, 1)),
    cert_no       TEXT NOT NULL DEFAULT '',
    cert_status   TEXT NOT NULL DEFAULT '' CHECK (cert_status IN ('', 'valid', 'due', 'revoked')),
    cert_due_on   TEXT,
    archived_on   TEXT,
    notes         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX staff_name ON staff(name);
CREATE INDEX staff_unit ON staff(unit);

CREATE TABLE training (
    id           TEXT PRIMARY KEY,
    town_code    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   TEXT,
    title        TEXT NOT NULL,
    category     TEXT NOT NULL,
    organiser    TEXT NOT NULL DEFAULT '',
    trainer      TEXT NOT NULL DEFAULT '',
    trainer_unit TEXT NOT NULL DEFAULT '',
    held_on      TEXT NOT NULL,
    starts_at    TEXT NOT NULL DEFAULT '',
    ends_at      TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL DEFAULT '',
    form         TEXT NOT NULL DEFAULT '',
    hours        REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
    owner_id     TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX training_held ON training(held_on);

CREATE TABLE attendance (
    id           TEXT PRIMARY KEY,
    town_code    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   TEXT,
    training_id  TEXT NOT NULL REFERENCES training(id),
    staff_id     TEXT NOT NULL REFERENCES staff(id),
    hours        REAL CHECK (hours IS NULL OR (hours >= 0 AND hours <= 24)),
    score        REAL,
    signed_in_at TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX attendance_once ON attendance(training_id, staff_id) WHERE deleted_at IS NULL;
CREATE INDEX attendance_staff ON attendance(staff_id);

CREATE TABLE activity (
    id            TEXT PRIMARY KEY,
    town_code     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    TEXT,
    held_on       TEXT NOT NULL,
    title         TEXT NOT NULL,
    type          TEXT NOT NULL,
    place_kind    TEXT NOT NULL DEFAULT '',
    place_name    TEXT NOT NULL DEFAULT '',
    organisers    TEXT NOT NULL DEFAULT '',
    partners      TEXT NOT NULL DEFAULT '',
    banners       INTEGER NOT NULL DEFAULT 0 CHECK (banners >= 0),
    boards        INTEGER NOT NULL DEFAULT 0 CHECK (boards >= 0),
    materials     INTEGER NOT NULL DEFAULT 0 CHECK (materials >= 0),
    consultations INTEGER NOT NULL DEFAULT 0 CHECK (consultations >= 0),
    people        INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
    enterprises   INTEGER NOT NULL DEFAULT 0 CHECK (enterprises >= 0),
    drills        INTEGER NOT NULL DEFAULT 0 CHECK (drills >= 0),
    drill_people  INTEGER NOT NULL DEFAULT 0 CHECK (drill_people >= 0),
    cost          INTEGER NOT NULL DEFAULT 0 CHECK (cost >= 0),
    notes         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activity_held ON activity(held_on);

CREATE TABLE attachment (
    id          TEXT PRIMARY KEY,
    town_code   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    owner_table TEXT NOT NULL,
    owner_id    TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT '',
    file_name   TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    sha256      TEXT NOT NULL,
    content     BLOB NOT NULL
);
CREATE INDEX attachment_owner ON attachment(owner_table, owner_id);
