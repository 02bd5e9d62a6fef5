-- Cameras, their recorded segments and the per-camera hash chain over them (issue #4).

CREATE TABLE camera (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                   varchar(128) NOT NULL UNIQUE,
    site                   varchar(128) NOT NULL DEFAULT 'default',
    stream_url             varchar(1024) NOT NULL,
    username               varchar(128),
    password_ciphertext    bytea,
    enabled                boolean      NOT NULL DEFAULT true,
    status                 varchar(32)  NOT NULL DEFAULT 'NEW',
    status_reason          varchar(1024),
    status_since_ts        timestamptz  NOT NULL DEFAULT now(),
    data_key_wrapped       bytea        NOT NULL,
    created_ts             timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT camera_url_scheme CHECK (stream_url ~ '^rtsps?://'),
    CONSTRAINT camera_status_known CHECK (status IN ('NEW', 'ONLINE', 'OFFLINE', 'UNAUTHORIZED', 'CERTIFICATE_MISMATCH', 'DISABLED'))
);
COMMENT ON TABLE camera IS 'Cameras under management (X.1453 F5).';
COMMENT ON COLUMN camera.id IS 'Surrogate key.';
COMMENT ON COLUMN camera.name IS 'Unique display name.';
COMMENT ON COLUMN camera.site IS 'Site or camera group the camera belongs to.';
COMMENT ON COLUMN camera.stream_url IS 'RTSP or RTSPS URL of the main stream, without credentials.';
COMMENT ON COLUMN camera.username IS 'User name the VMS presents to the camera.';
COMMENT ON COLUMN camera.password_ciphertext IS 'Camera password, AES-256-GCM under the installation master key (kept outside the database); never clear.';
COMMENT ON COLUMN camera.enabled IS 'False: not recorded, not shown.';
COMMENT ON COLUMN camera.status IS 'Last known state of the connection to the camera.';
COMMENT ON COLUMN camera.status_reason IS 'Why the camera is in that state, for operators.';
COMMENT ON COLUMN camera.status_since_ts IS 'Since when (UTC).';
COMMENT ON COLUMN camera.data_key_wrapped IS 'The camera''s AES-256 segment key, wrapped (AES-GCM) by the master key.';
COMMENT ON COLUMN camera.created_ts IS 'When the camera was added (UTC).';

CREATE TABLE segment (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    camera_id      bigint       NOT NULL REFERENCES camera (id),
    chain_seq      bigint       NOT NULL,
    start_ts       timestamptz  NOT NULL,
    end_ts         timestamptz  NOT NULL,
    duration_ms    integer      NOT NULL,
    frames         integer      NOT NULL,
    bytes          bigint       NOT NULL,
    sha256         bytea        NOT NULL,
    chain_hash     bytea        NOT NULL,
    volume         varchar(255) NOT NULL,
    path           varchar(512) NOT NULL,
    CONSTRAINT segment_times CHECK (end_ts >= start_ts),
    CONSTRAINT segment_sizes CHECK (duration_ms >= 0 AND frames >= 0 AND bytes > 0),
    CONSTRAINT segment_hash_lengths CHECK (octet_length(sha256) = 32 AND octet_length(chain_hash) = 32),
    CONSTRAINT segment_chain_unique UNIQUE (camera_id, chain_seq)
);
-- Time-range lookups of one camera: (camera_id, start_ts) with the columns a timeline needs,
-- so "segments of camera X between A and B" is an index-only scan even at 100 M rows.
CREATE INDEX segment_camera_time ON segment (camera_id, start_ts) INCLUDE (end_ts, bytes, id);
COMMENT ON TABLE segment IS 'Index of recorded segments (fragmented MP4, encrypted at rest) with the per-camera hash chain.';
COMMENT ON COLUMN segment.id IS 'Surrogate key.';
COMMENT ON COLUMN segment.camera_id IS 'Camera that recorded it.';
COMMENT ON COLUMN segment.chain_seq IS 'Position in the camera''s hash chain, from 1, without holes.';
COMMENT ON COLUMN segment.start_ts IS 'Wall-clock time of the first frame (UTC).';
COMMENT ON COLUMN segment.end_ts IS 'Wall-clock time after the last frame (UTC): start_ts + duration_ms.';
COMMENT ON COLUMN segment.duration_ms IS 'Media duration by the stream''s timestamps, ms.';
COMMENT ON COLUMN segment.frames IS 'Video frames in the segment.';
COMMENT ON COLUMN segment.bytes IS 'Size of the stored (encrypted) file, bytes.';
COMMENT ON COLUMN segment.sha256 IS 'SHA-256 of the clear segment (what an export proves).';
COMMENT ON COLUMN segment.chain_hash IS 'SHA-256 over the previous chain_hash and this segment''s identity and sha256.';
COMMENT ON COLUMN segment.volume IS 'Storage volume the file is on.';
COMMENT ON COLUMN segment.path IS 'File path relative to the volume.';
