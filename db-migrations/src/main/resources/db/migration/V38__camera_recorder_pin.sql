-- Issue 18, camera ownership: an administrator may pin a camera to one recorder node (the camera's
-- network reaches that node only, or its storage must stay on site). The management server then
-- gives the camera to that node alone, alive or not, and leaves it out of the even spread; no
-- other node claims it. Null: any node, as the spread decides.

ALTER TABLE camera ADD COLUMN recorder_pin varchar(64);
ALTER TABLE camera ADD CONSTRAINT camera_recorder_pin_name CHECK (recorder_pin ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$');
COMMENT ON COLUMN camera.recorder_pin IS 'The recorder node (vigil.node.id) that alone records the camera, or null for any.';
