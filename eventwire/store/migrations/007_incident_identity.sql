-- Incidents carry their standing (happened, prospective, denied, background), their actors'
-- names, the precision of their date, the best-supported casualty counts and the actor pair
-- they are merged within, so that the pairs new documents touch are merged again alone.
-- eventwire.store.derive makes every derived table again after this migration.

ALTER TABLE incidents ADD COLUMN status TEXT NOT NULL DEFAULT 'happened';
ALTER TABLE incidents ADD COLUMN source_name TEXT;
ALTER TABLE incidents ADD COLUMN target_name TEXT;
ALTER TABLE incidents ADD COLUMN date_precision TEXT;
ALTER TABLE incidents ADD COLUMN killed INTEGER;
ALTER TABLE incidents ADD COLUMN wounded INTEGER;
ALTER TABLE incidents ADD COLUMN bucket TEXT NOT NULL DEFAULT '';
CREATE INDEX incidents_bucket ON incidents (bucket);

-- The events of an actor pair, as incidents read them; the ledger reports of a country pair.
CREATE INDEX events_actor_pair ON events (coalesce(source_code, source_country), coalesce(target_code, target_country)) WHERE NOT negated;
CREATE INDEX ledger_parties ON ledger (substr(from_code, 1, 3), substr(to_code, 1, 3));
CREATE INDEX ledger_history_report ON ledger_history (doc_key, ordinal);

-- How far the derived tables go: the largest document key they were made for.
CREATE TABLE derived (
    name    TEXT PRIMARY KEY,
    n       INTEGER NOT NULL
);
