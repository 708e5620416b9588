-- H2 writes out its store whenever a sequence's cache of numbers runs out, as it does for a
-- commit; with its default cache of 32 that was one more store for every 32 rows of each
-- table below, which get rows with every envelope. sequence_cache is 1000 on H2 (numbers
-- stay in order; a crash only leaves a gap) and 1 on PostgreSQL, its default there: its
-- caches are per session and would hand out numbers out of order.
ALTER SEQUENCE envelope_accept_seq CACHE ${sequence_cache};
ALTER TABLE outbox ALTER COLUMN id SET CACHE ${sequence_cache};
ALTER TABLE handoff ALTER COLUMN id SET CACHE ${sequence_cache};
ALTER TABLE delivery_attempt ALTER COLUMN id SET CACHE ${sequence_cache};
ALTER TABLE dossier_status_change ALTER COLUMN id SET CACHE ${sequence_cache};
ALTER TABLE portal_outbox ALTER COLUMN id SET CACHE ${sequence_cache};
