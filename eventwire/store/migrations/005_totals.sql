-- Aggregates the writer keeps as it stores each document, so that the listings, their totals
-- and the overview are answered without counting or sorting every event. eventwire.store.derive
-- fills them after this migration and counts them again after each ingestion.

-- Each event knows its document's publication date: the listing order needs it.
ALTER TABLE events ADD COLUMN published TEXT;
UPDATE events SET published = (SELECT d.published FROM documents d WHERE d.doc_key = events.doc_key);

-- Pages of events by country or dyad: the first three letters of the codes (any case), in the
-- listing order, with the columns the filters of a page read. Only events that are not negated
-- are listed.
CREATE INDEX events_by_source ON events (substr(source_code, 1, 3) COLLATE NOCASE, coalesce(date, published), published, event_key, source_code, target_code, date) WHERE NOT negated;
CREATE INDEX events_by_target ON events (substr(target_code, 1, 3) COLLATE NOCASE, coalesce(date, published), published, event_key, source_code, target_code, date) WHERE NOT negated;
CREATE INDEX events_by_pair ON events (substr(source_code, 1, 3) COLLATE NOCASE, substr(target_code, 1, 3) COLLATE NOCASE, coalesce(date, published), published, event_key, source_code, target_code, date) WHERE NOT negated;

-- Events that are not negated, per first three letters of the source and target codes and day.
-- NULL stands for no code, or no date.
CREATE TABLE event_days (
    source3     TEXT,
    target3     TEXT,
    day         TEXT,
    events      INTEGER NOT NULL
);
CREATE UNIQUE INDEX event_days_key ON event_days (coalesce(source3, ''), coalesce(target3, ''), coalesce(day, ''));
CREATE INDEX event_days_source ON event_days (source3 COLLATE NOCASE, target3 COLLATE NOCASE, day, events);
CREATE INDEX event_days_target ON event_days (target3 COLLATE NOCASE, day, events);

-- The dyad aggregates also count events per quad class, so that a country pair's series is read
-- from them (NULL where no event of the day has a quad class); one row per pair and day.
ALTER TABLE dyad_days ADD COLUMN quad1 INTEGER;
ALTER TABLE dyad_days ADD COLUMN quad2 INTEGER;
ALTER TABLE dyad_days ADD COLUMN quad3 INTEGER;
ALTER TABLE dyad_days ADD COLUMN quad4 INTEGER;
DROP INDEX dyad_days_pair;
CREATE UNIQUE INDEX dyad_days_key ON dyad_days (source_country, target_country, coalesce(day, ''));
CREATE INDEX dyad_days_pair ON dyad_days (source_country, target_country, day, events, goldstein_sum, quad1, quad2, quad3, quad4);

-- The same events per country pair, over all days: the busiest pairs first.
CREATE TABLE dyad_totals (
    source_country  TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    events          INTEGER NOT NULL,
    goldstein_sum   REAL NOT NULL,
    goldstein_n     INTEGER NOT NULL,
    last_day        TEXT,
    PRIMARY KEY (source_country, target_country)
);
CREATE INDEX dyad_totals_busiest ON dyad_totals (events DESC, source_country, target_country) WHERE source_country != target_country;

-- What the store holds, counted: documents, events that are not negated, attributions, ledger
-- reports, and the incidents of the last rebuild.
CREATE TABLE totals (
    name    TEXT PRIMARY KEY,
    n       INTEGER NOT NULL
);

-- Documents per outlet (documents without an outlet are not counted).
CREATE TABLE outlet_documents (
    outlet      TEXT PRIMARY KEY,
    documents   INTEGER NOT NULL
);

-- The overview's busiest country pairs with their series, as JSON, made by each rebuild.
CREATE TABLE overview_dyads (
    rank    INTEGER PRIMARY KEY,
    dyad    TEXT NOT NULL
);

-- Ledger items in their listing order.
CREATE INDEX ledger_items_listing ON ledger_items (last_report DESC, item_key);
