-- Issue #20: a camera reached over a plain transport (rtsp://, ONVIF over http://) is recorded only
-- after an administrator accepted that for this camera; the acceptance is kept and shown.

ALTER TABLE camera ADD COLUMN insecure_accepted_by varchar(255);
ALTER TABLE camera ADD COLUMN insecure_accepted_ts timestamptz;
ALTER TABLE camera ADD CONSTRAINT camera_insecure_acceptance CHECK ((insecure_accepted_by IS NULL) = (insecure_accepted_ts IS NULL));
COMMENT ON COLUMN camera.insecure_accepted_by IS 'Who accepted a plain transport (rtsp://, ONVIF over http://) for this camera; NULL: not accepted.';
COMMENT ON COLUMN camera.insecure_accepted_ts IS 'When that was accepted (UTC).';

-- Cameras recorded over plain RTSP before this version keep recording; the console names the
-- acceptance as the upgrade's, so an administrator sees which ones to move to RTSPS.
UPDATE camera SET insecure_accepted_by = 'upgrade to V19 (recorded before)', insecure_accepted_ts = now()
    WHERE stream_url LIKE 'rtsp://%' OR onvif_device_url LIKE 'http://%';
