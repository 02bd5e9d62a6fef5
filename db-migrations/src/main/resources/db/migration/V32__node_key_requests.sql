-- Issue #18: every node's services sign under their own name (svc-recorder@vigil-2). A node registers
-- its own keys by itself only at the installation's first start; any other new key (a node joining,
-- a key replacing a revoked or lost one) waits here until an administrator approves it.

CREATE TABLE producer_key_request (
    producer     varchar(128) PRIMARY KEY,
    algorithm    varchar(32)  NOT NULL,
    public_key   bytea        NOT NULL,
    requested_ts timestamptz  NOT NULL,
    CONSTRAINT producer_key_request_algorithm CHECK (algorithm = 'Ed25519')
);
COMMENT ON TABLE producer_key_request IS 'Signing keys a node asked to register for its services, waiting for an administrator''s approval; they verify nothing until approved.';
COMMENT ON COLUMN producer_key_request.producer IS 'The producer the key is for: <service>@<node>.';
COMMENT ON COLUMN producer_key_request.public_key IS 'X.509 SubjectPublicKeyInfo encoding of the requested key.';
COMMENT ON COLUMN producer_key_request.requested_ts IS 'When the node last asked (UTC).';
