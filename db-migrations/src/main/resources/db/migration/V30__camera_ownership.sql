-- Which recorder node records which camera (issue #18): one owner per camera at a time, with an
-- epoch that grows with every change of owner. A segment is sealed into the camera's chain only
-- when it was recorded under the current owner and epoch, and its index row keeps both, so a
-- node that lost a camera (frozen, cut off) can never extend that camera's chain afterwards.

CREATE TABLE recorder_node (
    node        varchar(64) PRIMARY KEY,
    lease_until timestamptz NOT NULL,
    CONSTRAINT recorder_node_name CHECK (node ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
);
COMMENT ON TABLE recorder_node IS 'A node that runs the recorder role, alive while its lease lasts.';
COMMENT ON COLUMN recorder_node.node IS 'The node''s name (system property vigil.node.id).';
COMMENT ON COLUMN recorder_node.lease_until IS 'Renewed by the node every few seconds; past it the node counts as gone.';

CREATE TABLE camera_owner (
    camera_id bigint      PRIMARY KEY REFERENCES camera (id) ON DELETE CASCADE,
    node      varchar(64) NOT NULL,
    epoch     bigint      NOT NULL,
    since     timestamptz NOT NULL,
    CONSTRAINT camera_owner_epoch CHECK (epoch > 0)
);
CREATE INDEX camera_owner_node ON camera_owner (node);
COMMENT ON TABLE camera_owner IS 'The recorder node that records a camera now, and under which epoch.';
COMMENT ON COLUMN camera_owner.node IS 'The owning node (recorder_node.node; it may have gone, then the camera moves).';
COMMENT ON COLUMN camera_owner.epoch IS 'Grows by one at each change of owner; segments recorded under another epoch are kept aside.';
COMMENT ON COLUMN camera_owner.since IS 'When this node became the owner (UTC).';

ALTER TABLE segment ADD COLUMN owner_node varchar(64), ADD COLUMN owner_epoch bigint;
COMMENT ON COLUMN segment.owner_node IS 'The node that recorded the segment as the camera''s owner (null: sealed before ownership existed).';
COMMENT ON COLUMN segment.owner_epoch IS 'The ownership epoch it was recorded under (null: before ownership existed).';
