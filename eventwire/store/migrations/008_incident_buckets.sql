-- Incidents are merged within a bucket: an actor (a state with its government and forces as
-- one) with every party it acts on, so that a report naming no target can join the incident
-- that names one. The events of a bucket are found by their source or, for the symmetric
-- codes, their target. eventwire.store.derive makes every derived table again after this
-- migration.

CREATE INDEX events_actor_target ON events (coalesce(target_code, target_country)) WHERE NOT negated;
