-- Issue #20 item 7: the server signing key can be rotated. Every certificate that ever signed a
-- chain head (segments or audit) is kept here, so heads signed before a rotation still verify;
-- a certificate is taken only if the installation's CA issued it. The audit chain head names
-- its signer like the segment chain heads do.

CREATE TABLE signing_certificate (
    sha256        bytea       PRIMARY KEY,
    pem           text        NOT NULL,
    registered_ts timestamptz NOT NULL,
    retired_ts    timestamptz,
    CONSTRAINT signing_certificate_sha256_length CHECK (length(sha256) = 32)
);
COMMENT ON TABLE signing_certificate IS 'Certificates of the server signing keys, current and retired: what verifies chain heads signed before a key rotation.';
COMMENT ON COLUMN signing_certificate.sha256 IS 'SHA-256 of the DER certificate: the signer fingerprint chain heads carry.';
COMMENT ON COLUMN signing_certificate.pem IS 'The certificate (PEM); issued by the installation CA.';
COMMENT ON COLUMN signing_certificate.registered_ts IS 'When the server first signed with it (UTC).';
COMMENT ON COLUMN signing_certificate.retired_ts IS 'When a newer key replaced it (UTC); NULL for the key in use.';

ALTER TABLE audit_chain_head ADD COLUMN signer_sha256 bytea;
COMMENT ON COLUMN audit_chain_head.signer_sha256 IS 'SHA-256 of the certificate whose key signed the head; NULL for heads signed before V22 (the key of that time).';
