-- Evidence exports (issue #8): background jobs that write a signed, time-stamped package.

CREATE TABLE export_job (
    id              uuid          PRIMARY KEY,
    requested_by    varchar(255)  NOT NULL,
    requested_ts    timestamptz   NOT NULL,
    camera_ids      varchar(2048) NOT NULL,
    from_ts         timestamptz   NOT NULL,
    to_ts           timestamptz   NOT NULL,
    reason          varchar(1024) NOT NULL,
    case_number     varchar(128),
    encrypted       boolean       NOT NULL DEFAULT false,
    state           varchar(24)   NOT NULL,
    progress        integer       NOT NULL DEFAULT 0,
    message         varchar(2048),
    approved_by     varchar(255),
    approved_ts     timestamptz,
    file_name       varchar(255),
    file_bytes      bigint,
    file_sha256     bytea,
    finished_ts     timestamptz,
    CONSTRAINT export_job_range CHECK (to_ts > from_ts),
    CONSTRAINT export_job_progress CHECK (progress BETWEEN 0 AND 100)
);
CREATE INDEX export_job_requested ON export_job (requested_by, requested_ts DESC);
CREATE INDEX export_job_state ON export_job (state) WHERE state IN ('AWAITING_APPROVAL', 'QUEUED', 'RUNNING');

COMMENT ON TABLE export_job IS 'Evidence exports asked for in the console or REST API, and their outcome.';
COMMENT ON COLUMN export_job.camera_ids IS 'Comma-separated camera ids, in the order asked for.';
COMMENT ON COLUMN export_job.reason IS 'Why the export was made (required; written into the signed manifest).';
COMMENT ON COLUMN export_job.encrypted IS 'Whether the package is a password envelope; the password itself is never stored.';
COMMENT ON COLUMN export_job.state IS 'AWAITING_APPROVAL, QUEUED, RUNNING, DONE, FAILED or REJECTED.';
COMMENT ON COLUMN export_job.approved_by IS 'The second person who approved it when approval is required (never the requester).';
COMMENT ON COLUMN export_job.file_sha256 IS 'SHA-256 of the package as written, to notice a change before download.';
