-- Issue 6: how envelopes are pushed to an agency, REST (an HTTP POST) or SOAP (its
-- AgencyReceiver service). Agencies registered before keep pushing over REST.

ALTER TABLE agency ADD COLUMN push_protocol VARCHAR(8) DEFAULT 'REST' NOT NULL;
