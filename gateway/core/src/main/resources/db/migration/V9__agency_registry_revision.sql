-- Issue 9: the revision of the agency registry, one row, raised in the transaction of every
-- registration. Each gateway instance polls it and reloads its in-memory registry when it
-- moved, so an agency registered on one instance reaches the others without a restart.
-- Raising it is also the first write of every registration: its row lock makes concurrent
-- registrations (several instances applying the registry file at once) take turns.

CREATE TABLE agency_registry_revision (
    id       SMALLINT PRIMARY KEY,
    revision BIGINT   NOT NULL
);
INSERT INTO agency_registry_revision (id, revision) VALUES (1, 0);
