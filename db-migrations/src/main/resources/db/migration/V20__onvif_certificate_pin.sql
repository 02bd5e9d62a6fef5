-- Issue #20: camera control over HTTPS is held to the same trust rules as RTSPS. An ONVIF device
-- whose certificate is not from a trusted camera CA for its host is controlled only after an
-- administrator approved that certificate; the approved fingerprint is kept here and every later
-- ONVIF connection (PTZ, presets) must present it.

ALTER TABLE camera ADD COLUMN onvif_pinned_sha256 bytea;
ALTER TABLE camera ADD CONSTRAINT camera_onvif_pin_length CHECK (onvif_pinned_sha256 IS NULL OR length(onvif_pinned_sha256) = 32);
COMMENT ON COLUMN camera.onvif_pinned_sha256 IS 'SHA-256 of the ONVIF device certificate an administrator approved; NULL: a trusted camera CA vouches for it, or ONVIF runs over accepted plain HTTP.';
