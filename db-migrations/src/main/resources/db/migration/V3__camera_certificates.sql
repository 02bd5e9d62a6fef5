-- Camera authenticity (X.1453 A-4): an RTSPS camera's certificate is pinned after an administrator
-- approves what the camera presented; another certificate later stops its recording.

ALTER TABLE camera ADD COLUMN tls_pinned_sha256 bytea;
ALTER TABLE camera ADD COLUMN tls_presented_sha256 bytea;
ALTER TABLE camera ADD CONSTRAINT camera_tls_fingerprint_lengths
    CHECK ((tls_pinned_sha256 IS NULL OR octet_length(tls_pinned_sha256) = 32)
       AND (tls_presented_sha256 IS NULL OR octet_length(tls_presented_sha256) = 32));
ALTER TABLE camera DROP CONSTRAINT camera_status_known;
ALTER TABLE camera ADD CONSTRAINT camera_status_known CHECK (status IN ('NEW', 'ONLINE', 'OFFLINE', 'UNAUTHORIZED',
    'CERTIFICATE_UNAPPROVED', 'CERTIFICATE_MISMATCH', 'DISABLED'));
COMMENT ON COLUMN camera.tls_pinned_sha256 IS 'SHA-256 of the certificate an administrator approved for this camera (RTSPS); null until approved.';
COMMENT ON COLUMN camera.tls_presented_sha256 IS 'SHA-256 of the certificate the camera presented at the last connection attempt.';
