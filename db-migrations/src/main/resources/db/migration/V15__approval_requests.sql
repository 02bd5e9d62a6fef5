-- Four eyes: sensitive actions (releasing an evidence lock, deleting recordings, changing rights)
-- held until a second person approves or rejects them (vigil.four.eyes).
CREATE TABLE approval_request (
    id            uuid          PRIMARY KEY,
    action        varchar(32)   NOT NULL,
    target        varchar(255)  NOT NULL,
    payload       varchar(2048) NOT NULL,
    summary       varchar(1024) NOT NULL,
    requested_by  varchar(255)  NOT NULL,
    requested_ts  timestamptz   NOT NULL,
    state         varchar(16)   NOT NULL CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by    varchar(255),
    decided_ts    timestamptz,
    comment       varchar(1024),
    CONSTRAINT approval_decided_by_another CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
CREATE INDEX approval_request_pending ON approval_request (requested_ts) WHERE state = 'PENDING';
COMMENT ON TABLE approval_request IS 'Sensitive actions waiting for (or decided by) a second person (X.1453 T-INS).';
