-- Cameras added through ONVIF keep their device service address and media profile, so the VMS
-- can steer them (PTZ) with the same credentials.

ALTER TABLE camera ADD COLUMN onvif_device_url varchar(1024);
ALTER TABLE camera ADD COLUMN onvif_profile varchar(64);
ALTER TABLE camera ADD CONSTRAINT camera_onvif_url_scheme CHECK (onvif_device_url IS NULL OR onvif_device_url ~ '^https?://');
COMMENT ON COLUMN camera.onvif_device_url IS 'ONVIF device service address (http or https), when the camera was added through ONVIF.';
COMMENT ON COLUMN camera.onvif_profile IS 'ONVIF media profile token whose stream is recorded and whose PTZ node is steered.';
