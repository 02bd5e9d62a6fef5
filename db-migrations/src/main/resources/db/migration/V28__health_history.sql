-- The system page's health history (issue #19): each time a check on a node goes up or down.
-- Written by the node itself every 15 s when something changed; kept for 90 days.

CREATE TABLE health_change (
    id         bigserial    PRIMARY KEY,
    node       varchar(255) NOT NULL,
    check_name varchar(32)  NOT NULL,
    status     varchar(4)   NOT NULL,
    detail     varchar(512) NOT NULL,
    changed_ts timestamptz  NOT NULL,
    CONSTRAINT health_change_status CHECK (status IN ('UP', 'DOWN'))
);
CREATE INDEX health_change_newest ON health_change (changed_ts DESC, id DESC);
CREATE INDEX health_change_node_check ON health_change (node, check_name, id);
COMMENT ON TABLE health_change IS 'A health check that changed status on a node, with the detail it gave then.';
COMMENT ON COLUMN health_change.node IS 'Host name of the node that ran the check.';
COMMENT ON COLUMN health_change.check_name IS 'database, broker, storage, video or cameras.';
COMMENT ON COLUMN health_change.status IS 'UP or DOWN from that moment on.';
COMMENT ON COLUMN health_change.detail IS 'What the check said (no secrets, no stack traces).';
COMMENT ON COLUMN health_change.changed_ts IS 'When the change was seen (UTC).';
