-- The store's first schema: documents, their coded results, failures, and full-text indexes.

CREATE TABLE documents (
    doc_key     INTEGER PRIMARY KEY,
    hash        TEXT NOT NULL UNIQUE,          -- SHA-256 of the document text (or HTML)
    id          TEXT NOT NULL,                 -- the document's own id
    outlet      TEXT,
    url         TEXT,
    title       TEXT,
    published   TEXT,
    text        TEXT NOT NULL,
    result      TEXT NOT NULL,                 -- the document result, as JSON
    source      TEXT,                          -- where it was read from
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE errors (
    hash        TEXT PRIMARY KEY,
    id          TEXT NOT NULL,
    source      TEXT,
    error       TEXT NOT NULL,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE events (
    event_key       INTEGER PRIMARY KEY,
    doc_key         INTEGER NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,
    source_code     TEXT,
    source_country  TEXT,
    source_sector   TEXT,
    source_name     TEXT,
    target_code     TEXT,
    target_country  TEXT,
    target_sector   TEXT,
    target_name     TEXT,
    cameo           TEXT NOT NULL,
    root            TEXT NOT NULL,
    plover          TEXT,
    goldstein       REAL,
    quad_class      INTEGER,
    date            TEXT,
    date_source     TEXT,
    certainty       TEXT,
    negated         INTEGER NOT NULL DEFAULT 0,
    attributed_to   TEXT,                      -- JSON list
    place           TEXT,
    place_country   TEXT,
    place_kind      TEXT,
    lat             REAL,
    lon             REAL,
    span_start      INTEGER,
    span_end        INTEGER,
    text            TEXT,
    UNIQUE (doc_key, ordinal)
);
CREATE INDEX events_dyad ON events (source_country, target_country, date);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_root ON events (root);

CREATE TABLE attributions (
    doc_key     INTEGER NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    source      TEXT,
    source_code TEXT,
    cue         TEXT,
    content     TEXT,
    kind        TEXT,
    certainty   TEXT,
    PRIMARY KEY (doc_key, ordinal)
);

CREATE TABLE ledger (
    doc_key     INTEGER NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    from_code   TEXT,
    to_code     TEXT,
    what        TEXT,
    condition   TEXT,
    status      TEXT,
    date        TEXT,
    PRIMARY KEY (doc_key, ordinal)
);

CREATE TABLE actors (
    doc_key     INTEGER NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    code        TEXT NOT NULL,
    mentions    INTEGER NOT NULL,
    PRIMARY KEY (doc_key, name, code)
);
CREATE INDEX actors_code ON actors (code);

CREATE VIRTUAL TABLE documents_fts USING fts5 (title, text, content='documents', content_rowid='doc_key');
CREATE VIRTUAL TABLE evidence_fts USING fts5 (text, content='events', content_rowid='event_key');
