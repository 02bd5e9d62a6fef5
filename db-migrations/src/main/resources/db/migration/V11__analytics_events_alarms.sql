-- Analytics, events and alarms (issue #7).

CREATE TABLE analytics_config (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    camera_id     bigint        NOT NULL REFERENCES camera (id) ON DELETE CASCADE,
    version       integer       NOT NULL,
    config_json   text          NOT NULL,
    created_by    varchar(255)  NOT NULL,
    created_ts    timestamptz   NOT NULL,
    CONSTRAINT analytics_config_version UNIQUE (camera_id, version)
);
COMMENT ON TABLE analytics_config IS 'Every version of each camera''s analytics configuration (zones, privacy masks, sensitivity); the newest is in force.';
COMMENT ON COLUMN analytics_config.config_json IS 'The AnalyticsConfiguration message as sent, with its ECDSA signature by the server signing key: analytics refuses it if edited.';

-- Tens of millions of rows: the searches are "one camera, a time range" (btree on camera and
-- start) and "everything in a time range" (BRIN on the start: rows arrive in time order, so
-- a BRIN index stays tiny and prunes whole blocks).
CREATE TABLE analytics_event (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      varchar(64)   NOT NULL UNIQUE,
    camera_id     bigint        NOT NULL REFERENCES camera (id) ON DELETE CASCADE,
    type          varchar(32)   NOT NULL,
    zone          varchar(64),
    start_ts      timestamptz   NOT NULL,
    end_ts        timestamptz   NOT NULL,
    score         double precision NOT NULL,
    boxes         varchar(1024),
    producer      varchar(255)  NOT NULL,
    received_ts   timestamptz   NOT NULL,
    CONSTRAINT analytics_event_span CHECK (end_ts >= start_ts)
);
CREATE INDEX analytics_event_camera_start ON analytics_event (camera_id, start_ts) INCLUDE (type, zone, end_ts);
CREATE INDEX analytics_event_start_brin ON analytics_event USING brin (start_ts);
COMMENT ON TABLE analytics_event IS 'Event metadata from analytics (X.1453 F6): motion in a zone, tampering.';
COMMENT ON COLUMN analytics_event.boxes IS 'Where it moved: "x,y,w,h;..." in fractions of the picture (motion search).';
COMMENT ON COLUMN analytics_event.producer IS 'The analytics service whose signed message carried it.';

CREATE TABLE analytics_alert (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id      varchar(64)   NOT NULL UNIQUE,
    camera_id     bigint        NOT NULL REFERENCES camera (id) ON DELETE CASCADE,
    kind          varchar(32)   NOT NULL,
    at_ts         timestamptz   NOT NULL,
    event_ids     varchar(1024) NOT NULL,
    detail        varchar(1024),
    producer      varchar(255)  NOT NULL,
    received_ts   timestamptz   NOT NULL
);
CREATE INDEX analytics_alert_camera_at ON analytics_alert (camera_id, at_ts);
COMMENT ON TABLE analytics_alert IS 'Alert metadata from analytics: a conclusion made of the events it names.';

CREATE TABLE alarm_rule (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             varchar(128)  NOT NULL,
    event_type       varchar(32)   NOT NULL,
    camera_ids       varchar(2048),
    days             varchar(7)    NOT NULL,
    from_minute      integer       NOT NULL,
    to_minute        integer       NOT NULL,
    time_zone        varchar(64)   NOT NULL,
    priority         integer       NOT NULL CHECK (priority BETWEEN 1 AND 5),
    escalate_after_s integer,
    actions          varchar(256)  NOT NULL,
    enabled          boolean       NOT NULL,
    created_by       varchar(255)  NOT NULL,
    created_ts       timestamptz   NOT NULL
);
COMMENT ON TABLE alarm_rule IS 'Event type + cameras (null: all) + schedule (days, minutes of the day in time_zone) -> alarm with priority and actions.';

CREATE TABLE alarm (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule_id             bigint        NOT NULL REFERENCES alarm_rule (id),
    rule_name           varchar(128)  NOT NULL,
    camera_id           bigint        NOT NULL REFERENCES camera (id) ON DELETE CASCADE,
    event_id            varchar(64)   NOT NULL,
    event_type          varchar(32)   NOT NULL,
    priority            integer       NOT NULL,
    state               varchar(16)   NOT NULL CHECK (state IN ('NEW', 'ACKNOWLEDGED', 'CLOSED')),
    event_ts            timestamptz   NOT NULL,
    raised_ts           timestamptz   NOT NULL,
    acknowledged_by     varchar(255),
    acknowledged_ts     timestamptz,
    acknowledge_comment varchar(1024),
    closed_by           varchar(255),
    closed_ts           timestamptz,
    close_comment       varchar(1024),
    escalated_ts        timestamptz
);
CREATE INDEX alarm_open ON alarm (raised_ts DESC) WHERE state <> 'CLOSED';
CREATE INDEX alarm_camera_raised ON alarm (camera_id, raised_ts);
COMMENT ON TABLE alarm IS 'Alarms (X.1453 F7) and who acknowledged and closed them, when, and why.';
