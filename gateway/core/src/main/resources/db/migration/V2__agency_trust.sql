-- Issue 3: per-agency signature policy, and the TLS client certificates that authenticate an
-- agency by mutual TLS (distinct from the certificates it signs envelopes with).

ALTER TABLE agency ADD COLUMN allow_sha1_signatures BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE agency_tls_certificate (
    fingerprint_sha256 CHAR(64)      PRIMARY KEY,
    agency_code        VARCHAR(35)   NOT NULL REFERENCES agency (code),
    subject            VARCHAR(1000) NOT NULL,
    not_before         TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after          TIMESTAMP WITH TIME ZONE NOT NULL,
    certificate        ${binary_type} NOT NULL
);
CREATE INDEX agency_tls_certificate_agency ON agency_tls_certificate (agency_code);
