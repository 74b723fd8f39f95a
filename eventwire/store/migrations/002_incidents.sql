-- Incidents: event mentions from different sentences and articles that report one happening.

CREATE TABLE incidents (
    incident_key  INTEGER PRIMARY KEY,
    source_code   TEXT,
    target_code   TEXT,
    source_country TEXT,
    target_country TEXT,
    cameo         TEXT NOT NULL,             -- the code most mentions give
    root          TEXT NOT NULL,
    date          TEXT,                      -- the most precise date the reports agree on
    first_report  TEXT,                      -- earliest publication date among the reports
    last_report   TEXT,
    mentions      INTEGER NOT NULL,
    articles      INTEGER NOT NULL,
    outlets       INTEGER NOT NULL,
    confidence    REAL NOT NULL,             -- rises with independent corroboration
    goldstein     REAL,
    quad_class    INTEGER,
    certainty     TEXT                       -- the firmest certainty among the reports
);
CREATE INDEX incidents_dyad ON incidents (source_country, target_country, date);

CREATE TABLE incident_events (
    incident_key  INTEGER NOT NULL REFERENCES incidents (incident_key) ON DELETE CASCADE,
    event_key     INTEGER NOT NULL UNIQUE REFERENCES events (event_key) ON DELETE CASCADE,
    PRIMARY KEY (incident_key, event_key)
);

-- The ledger across articles: one item per demand, offer, request..., with its history.
CREATE TABLE ledger_items (
    item_key      INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    from_code     TEXT,
    to_code       TEXT,
    what          TEXT,
    condition     TEXT,
    status        TEXT NOT NULL,
    first_report  TEXT,
    last_report   TEXT
);

CREATE TABLE ledger_history (
    item_key      INTEGER NOT NULL REFERENCES ledger_items (item_key) ON DELETE CASCADE,
    doc_key       INTEGER NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL,
    published     TEXT,
    status        TEXT NOT NULL,
    PRIMARY KEY (item_key, doc_key, ordinal)
);
