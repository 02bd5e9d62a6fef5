-- Signed heads of the per-camera hash chains (issue #4). A hash chain alone cannot show that its
-- newest links were cut off, or that someone with database access recomputed it from some point
-- on; a head signed by the server's signing key (outside the database) can.

CREATE TABLE chain_head (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    camera_id       bigint      NOT NULL REFERENCES camera (id),
    chain_seq       bigint      NOT NULL,
    chain_hash      bytea       NOT NULL,
    signed_ts       timestamptz NOT NULL,
    signer_sha256   bytea       NOT NULL,
    signature       bytea       NOT NULL,
    CONSTRAINT chain_head_hash_length CHECK (octet_length(chain_hash) = 32 AND octet_length(signer_sha256) = 32),
    CONSTRAINT chain_head_unique UNIQUE (camera_id, chain_seq)
);
COMMENT ON TABLE chain_head IS 'Periodic signatures over the newest link of each camera''s segment hash chain.';
COMMENT ON COLUMN chain_head.id IS 'Surrogate key.';
COMMENT ON COLUMN chain_head.camera_id IS 'Camera whose chain it covers.';
COMMENT ON COLUMN chain_head.chain_seq IS 'Position of the newest link at signing time.';
COMMENT ON COLUMN chain_head.chain_hash IS 'That link''s chain hash.';
COMMENT ON COLUMN chain_head.signed_ts IS 'When it was signed (UTC).';
COMMENT ON COLUMN chain_head.signer_sha256 IS 'SHA-256 of the signing certificate (DER).';
COMMENT ON COLUMN chain_head.signature IS 'SHA256withECDSA over the statement of SegmentCrypto.chainHeadStatement.';
