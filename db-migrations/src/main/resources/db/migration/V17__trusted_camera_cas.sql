-- Certificate authorities an administrator trusts for RTSPS cameras: a camera whose certificate
-- chains to one of them (and names the camera's host) is recorded without a per-camera pin.
CREATE TABLE trusted_camera_ca (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            varchar(128)  NOT NULL UNIQUE,
    subject         varchar(512)  NOT NULL,
    sha256          varchar(64)   NOT NULL UNIQUE,
    certificate_pem text          NOT NULL,
    added_by        varchar(255)  NOT NULL,
    added_ts        timestamptz   NOT NULL
);
COMMENT ON TABLE trusted_camera_ca IS 'CAs trusted for camera certificates (X.1453 A-4): chain + host name checked at every connection.';
