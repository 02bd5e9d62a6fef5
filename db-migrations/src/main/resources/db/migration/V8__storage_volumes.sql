-- Storage volumes (issue #4): segments are written to one of several volumes; a full or failing
-- volume is taken out and writing moves on; a volume can have a quota that retention keeps.

CREATE TABLE storage_volume (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            varchar(64)   NOT NULL UNIQUE,
    path            varchar(1024) NOT NULL,
    quota_bytes     bigint,
    min_free_bytes  bigint        NOT NULL DEFAULT 268435456,
    used_bytes      bigint        NOT NULL DEFAULT 0,
    state           varchar(16)   NOT NULL DEFAULT 'ACTIVE',
    state_reason    varchar(1024),
    state_since_ts  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT storage_volume_state CHECK (state IN ('ACTIVE', 'FULL', 'FAILED', 'DISABLED')),
    CONSTRAINT storage_volume_sizes CHECK ((quota_bytes IS NULL OR quota_bytes > 0) AND min_free_bytes >= 0 AND used_bytes >= 0)
);
COMMENT ON TABLE storage_volume IS 'Where sealed segments are written; tried in id order.';
COMMENT ON COLUMN storage_volume.id IS 'Surrogate key; also the order in which volumes are tried.';
COMMENT ON COLUMN storage_volume.name IS 'Name stored in segment.volume.';
COMMENT ON COLUMN storage_volume.path IS 'Absolute directory of the volume on the server.';
COMMENT ON COLUMN storage_volume.quota_bytes IS 'Most bytes of live segments kept here; NULL: limited by free space only.';
COMMENT ON COLUMN storage_volume.min_free_bytes IS 'Free space the file system must keep; below it the volume is FULL.';
COMMENT ON COLUMN storage_volume.used_bytes IS 'Bytes of live (not retired) segments on the volume.';
COMMENT ON COLUMN storage_volume.state IS 'ACTIVE, FULL (no room, retried), FAILED (write error, until re-enabled), DISABLED.';
COMMENT ON COLUMN storage_volume.state_reason IS 'Why, for operators.';
COMMENT ON COLUMN storage_volume.state_since_ts IS 'Since when (UTC).';
-- existing segments were all written to the default volume
INSERT INTO storage_volume (name, path, used_bytes)
    SELECT 'default', '', coalesce(sum(bytes), 0) FROM segment WHERE retired_ts IS NULL;
