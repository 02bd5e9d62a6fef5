-- Retention (per camera maximum age) and evidence locks (legal hold). A retired segment's file is
-- deleted but its index row stays as a tombstone, so the hash chain still verifies end to end.

ALTER TABLE camera ADD COLUMN retention_max_age_s bigint NOT NULL DEFAULT 2592000
    CONSTRAINT camera_retention_positive CHECK (retention_max_age_s > 0);
COMMENT ON COLUMN camera.retention_max_age_s IS 'Recordings older than this many seconds are deleted, unless under an evidence lock (default 30 days).';

ALTER TABLE segment ADD COLUMN retired_ts timestamptz;
ALTER TABLE segment ADD COLUMN retired_reason varchar(255);
COMMENT ON COLUMN segment.retired_ts IS 'When retention deleted the file (UTC); the row stays so the hash chain verifies.';
COMMENT ON COLUMN segment.retired_reason IS 'Why it was deleted (e.g. max age of the camera).';
CREATE INDEX segment_live_by_end ON segment (camera_id, end_ts) WHERE retired_ts IS NULL;

CREATE TABLE evidence_lock (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    camera_id     bigint       NOT NULL REFERENCES camera (id),
    from_ts       timestamptz  NOT NULL,
    to_ts         timestamptz  NOT NULL,
    reason        varchar(512) NOT NULL,
    created_by    varchar(255) NOT NULL,
    created_ts    timestamptz  NOT NULL DEFAULT now(),
    released_by   varchar(255),
    released_ts   timestamptz,
    CONSTRAINT evidence_lock_range CHECK (to_ts > from_ts),
    CONSTRAINT evidence_lock_release CHECK ((released_by IS NULL) = (released_ts IS NULL))
);
CREATE INDEX evidence_lock_active ON evidence_lock (camera_id, from_ts, to_ts) WHERE released_ts IS NULL;
COMMENT ON TABLE evidence_lock IS 'Legal holds: recordings of a camera in [from_ts, to_ts) are exempt from retention until released.';
COMMENT ON COLUMN evidence_lock.id IS 'Surrogate key.';
COMMENT ON COLUMN evidence_lock.camera_id IS 'Camera whose recordings are held.';
COMMENT ON COLUMN evidence_lock.from_ts IS 'Start of the held range (UTC, inclusive).';
COMMENT ON COLUMN evidence_lock.to_ts IS 'End of the held range (UTC, exclusive).';
COMMENT ON COLUMN evidence_lock.reason IS 'Case number or reason given by the person who set it.';
COMMENT ON COLUMN evidence_lock.created_by IS 'Who set the lock.';
COMMENT ON COLUMN evidence_lock.created_ts IS 'When it was set (UTC).';
COMMENT ON COLUMN evidence_lock.released_by IS 'Who released it; null while active.';
COMMENT ON COLUMN evidence_lock.released_ts IS 'When it was released (UTC); null while active.';
