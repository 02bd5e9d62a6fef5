-- Issue 18, camera credentials reach a recorder sealed for that node only: a recorder node set up
-- apart from the management node holds no master key. It publishes the certificate of its own
-- sealing key (issued by the installation's CA) with its lease, and the management node seals the
-- password and data key of each camera the node owns for that key alone. The recorder role reads
-- the seals; only the management node (the schema's owner) writes them.
ALTER TABLE recorder_node ADD COLUMN seal_certificate bytea;
COMMENT ON COLUMN recorder_node.seal_certificate IS
    'DER certificate of the node''s camera sealing key (OU "camera sealing", CN the node); null: the node opens with the master key.';

CREATE TABLE camera_seal (
    camera_id          bigint      NOT NULL REFERENCES camera (id) ON DELETE CASCADE,
    node               varchar(64) NOT NULL,
    password_sealed    bytea,
    data_key_sealed    bytea       NOT NULL,
    sealed_from        bytea       NOT NULL,
    certificate_sha256 bytea       NOT NULL,
    sealed_ts          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (camera_id, node)
);
COMMENT ON TABLE camera_seal IS 'A camera''s password and data key sealed for the one node that records it (ECDH P-256, HKDF, AES-GCM).';
COMMENT ON COLUMN camera_seal.sealed_from IS 'SHA-256 of the master-sealed values it was made from: a changed password is sealed again.';
COMMENT ON COLUMN camera_seal.certificate_sha256 IS 'SHA-256 of the node certificate it was sealed for: a new node key is sealed for again.';

GRANT SELECT ON camera_seal TO vigil_recorder;
