-- edXML documents and status messages travel the same path as dossier envelopes. An edXML
-- document outside any dossier has no dossier code, so ordering per recipient moves from the
-- dossier code to an order key (the dossier code, or a key of the edXML document).
ALTER TABLE envelope ALTER COLUMN dossier_code DROP NOT NULL;
ALTER TABLE envelope ADD COLUMN format VARCHAR(16) DEFAULT 'lienthong-v1' NOT NULL;
ALTER TABLE envelope ADD COLUMN order_key VARCHAR(64);
UPDATE envelope SET order_key = dossier_code;
ALTER TABLE envelope ALTER COLUMN order_key SET NOT NULL;
DROP INDEX envelope_dossier_seq;
CREATE INDEX envelope_order_seq ON envelope (order_key, accept_seq);

ALTER TABLE outbox RENAME COLUMN dossier_code TO order_key;

-- One row per edXML document (văn bản) the gateway carried, keyed as edXML keys it: the
-- sending agency and its DocumentId. Revisions (revoke, update, replace) keep the key.
CREATE TABLE edxml_document (
    sender         VARCHAR(35)   NOT NULL,
    document_id    VARCHAR(255)  NOT NULL,
    envelope_id    VARCHAR(128)  NOT NULL REFERENCES envelope (id),
    subject        VARCHAR(2000),
    dossier_code   VARCHAR(64),
    state          VARCHAR(16)   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sender, document_id)
);

-- Every edXML message accepted, linked to the document it is or concerns.
CREATE TABLE edxml_message (
    envelope_id        VARCHAR(128)  PRIMARY KEY REFERENCES envelope (id),
    document_sender    VARCHAR(35)   NOT NULL,
    document_id        VARCHAR(255)  NOT NULL,
    message_kind       VARCHAR(16)   NOT NULL,
    business_doc_type  SMALLINT,
    status_code        VARCHAR(8),
    status_description VARCHAR(2000),
    reported_by        VARCHAR(35)   NOT NULL,
    linked             BOOLEAN       NOT NULL,
    accepted_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX edxml_message_document ON edxml_message (document_sender, document_id, accepted_at);

-- The latest status of a document at each of its recipients.
CREATE TABLE edxml_recipient_status (
    document_sender    VARCHAR(35)   NOT NULL,
    document_id        VARCHAR(255)  NOT NULL,
    recipient          VARCHAR(35)   NOT NULL,
    status_code        VARCHAR(8)    NOT NULL,
    status_description VARCHAR(2000),
    reported_by        VARCHAR(35)   NOT NULL,
    envelope_id        VARCHAR(128)  NOT NULL REFERENCES envelope (id),
    reported_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (document_sender, document_id, recipient)
);
