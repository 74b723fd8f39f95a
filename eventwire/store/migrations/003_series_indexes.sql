-- Covering indexes for dyad series: a country pair or an actor pair, per day.

DROP INDEX IF EXISTS events_dyad;
CREATE INDEX events_country_series ON events (source_country, target_country, date, negated, quad_class, goldstein);
CREATE INDEX events_code_series ON events (source_code, target_code, date, negated, quad_class, goldstein);
