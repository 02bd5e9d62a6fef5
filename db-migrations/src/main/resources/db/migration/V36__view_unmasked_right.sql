-- Privacy masks enforced by the server (issue #22): the masks of a camera's signed analytics
-- configuration are burned into what a user sees (live, playback, snapshots, exports) unless
-- the user holds VIEW_UNMASKED on the camera. No grant of it is made on upgrade: masks were
-- documented as privacy masks, and who may see through them is an administrator's decision.

ALTER TABLE access_grant DROP CONSTRAINT access_grant_right;
ALTER TABLE access_grant ADD CONSTRAINT access_grant_right CHECK (access_right IN ('VIEW_LIVE', 'PLAYBACK', 'LISTEN',
    'VIEW_UNMASKED', 'PTZ', 'EXPORT', 'EVIDENCE_LOCK', 'MANAGE_CAMERAS', 'MANAGE_USERS', 'READ_AUDIT'));

ALTER TABLE export_job ADD COLUMN masked_camera_ids varchar(2048);
COMMENT ON COLUMN export_job.masked_camera_ids IS 'Cameras exported with their privacy masks burned in: the requester lacked VIEW_UNMASKED on them (comma-separated).';
