-- The trace context of what issued a delivery order, carried through the outbox to the
-- broker so the delivery continues the submission's trace (docs/OPERATIONS.md, Traces).
ALTER TABLE outbox ADD COLUMN trace_context VARCHAR(1024);
