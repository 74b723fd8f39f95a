-- Aggregates and indexes that answer the dashboard's listings without scanning every event.
-- The two tables are derived: rebuilt with the incidents after each ingestion.

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

INSERT INTO dyad_days SELECT source_country, target_country, date, count(*), coalesce(sum(goldstein), 0), count(goldstein) FROM events WHERE NOT negated AND source_country IS NOT NULL AND target_country IS NOT NULL GROUP BY 1, 2, 3;

INSERT INTO actor_stats (code, name, documents, mentions, events) WITH codes AS (SELECT code, name, doc_key, mentions FROM actors UNION ALL SELECT source_code, source_name, doc_key, 0 FROM events WHERE source_code IS NOT NULL AND NOT negated UNION ALL SELECT target_code, target_name, doc_key, 0 FROM events WHERE target_code IS NOT NULL AND NOT negated), named AS (SELECT code, name, row_number() OVER (PARTITION BY code ORDER BY count(*) DESC, name) AS rank FROM codes WHERE name IS NOT NULL GROUP BY code, name), acting AS (SELECT code, count(*) AS events FROM (SELECT event_key, source_code AS code FROM events WHERE NOT negated AND source_code IS NOT NULL UNION SELECT event_key, target_code FROM events WHERE NOT negated AND target_code IS NOT NULL) GROUP BY code) SELECT c.code, n.name, count(DISTINCT c.doc_key), sum(c.mentions), coalesce(a.events, 0) FROM codes c LEFT JOIN named n ON n.code = c.code AND n.rank = 1 LEFT JOIN acting a ON a.code = c.code GROUP BY c.code
