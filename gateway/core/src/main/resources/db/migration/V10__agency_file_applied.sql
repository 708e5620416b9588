-- The fingerprint of the agency registry file's content as last applied. An instance starting
-- with the same content (a restart, a replica scaled up) leaves the registry as it is, so what
-- operators changed through the admin API since is not undone; an edited file applies.

ALTER TABLE agency_registry_revision ADD COLUMN applied_file_sha256 VARCHAR(64);
