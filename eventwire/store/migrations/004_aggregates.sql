-- Aggregates and indexes that answer the dashboard's listings without scanning every event.
-- The two tables are derived: eventwire.store.derive fills them after this migration and again
-- with the incidents after each ingestion.

-- Events per country pair and day (day NULL for undated events).
CREATE TABLE dyad_days (
    source_country  TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    day             TEXT,
    events          INTEGER NOT NULL,
    goldstein_sum   REAL NOT NULL,
    goldstein_n     INTEGER NOT NULL            -- events with a Goldstein score
);
CREATE INDEX dyad_days_pair ON dyad_days (source_country, target_country, day, events, goldstein_sum, goldstein_n);

-- Each actor code with its most frequent name and its activity.
CREATE TABLE actor_stats (
    code        TEXT PRIMARY KEY,
    name        TEXT,
    documents   INTEGER NOT NULL,
    mentions    INTEGER NOT NULL,
    events      INTEGER NOT NULL
);
CREATE INDEX actor_stats_activity ON actor_stats (events DESC, documents DESC, code);

-- Pages of incidents, events and documents in their listing order.
CREATE INDEX incidents_by_date ON incidents (date DESC, incident_key);
CREATE INDEX incidents_by_confidence ON incidents (confidence DESC, outlets DESC, incident_key);
CREATE INDEX incidents_by_reports ON incidents (mentions DESC, incident_key);
CREATE INDEX documents_listing ON documents (published DESC, doc_key, outlet);
CREATE INDEX events_listing ON events (negated, doc_key, date, source_code, target_code);
