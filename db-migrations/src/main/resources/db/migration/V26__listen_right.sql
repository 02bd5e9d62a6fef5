-- A right to listen (issue #22): the camera's sound, live and recorded, is no longer heard by
-- whoever may watch. Installations that upgrade keep who hears what: every subject that holds
-- VIEW_LIVE or PLAYBACK somewhere is given LISTEN on the same cameras; grants made from now on
-- carry no sound unless LISTEN is granted too.

ALTER TABLE access_grant DROP CONSTRAINT access_grant_right;
ALTER TABLE access_grant ADD CONSTRAINT access_grant_right CHECK (access_right IN ('VIEW_LIVE', 'PLAYBACK', 'LISTEN', 'PTZ',
    'EXPORT', 'EVIDENCE_LOCK', 'MANAGE_CAMERAS', 'MANAGE_USERS', 'READ_AUDIT'));

INSERT INTO access_grant (subject_kind, subject, access_right, camera_id, site, granted_by)
SELECT DISTINCT subject_kind, subject, 'LISTEN', camera_id, site, 'upgrade to the LISTEN right (V26)'
FROM access_grant WHERE access_right IN ('VIEW_LIVE', 'PLAYBACK');

ALTER TABLE export_job ADD COLUMN soundless_camera_ids varchar(2048);
COMMENT ON COLUMN export_job.soundless_camera_ids IS 'Cameras exported without their sound: the requester lacked LISTEN on them (comma-separated).';
