-- Certificates the internal CA issued to enrolled devices (operator workstations, analytics
-- nodes, cameras): the list HTTPS clients are checked against when device certificates are required.
CREATE TABLE device_certificate (
    serial            varchar(64)   PRIMARY KEY,
    device_name       varchar(128)  NOT NULL,
    kind              varchar(16)   NOT NULL CHECK (kind IN ('WORKSTATION', 'ANALYTICS', 'CAMERA')),
    subject           varchar(512)  NOT NULL,
    sha256            varchar(64)   NOT NULL UNIQUE,
    not_before        timestamptz   NOT NULL,
    not_after         timestamptz   NOT NULL,
    issued_by         varchar(255)  NOT NULL,
    issued_ts         timestamptz   NOT NULL,
    revoked_by        varchar(255),
    revoked_ts        timestamptz,
    revocation_reason varchar(512),
    certificate_pem   text          NOT NULL
);
COMMENT ON TABLE device_certificate IS 'Device certificates issued by the internal CA on enrolment (X.1453 A-3); revoked ones keep their row.';
