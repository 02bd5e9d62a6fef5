-- Vigil VMS foundation schema: local users, the service key registry, the JMS replay guard,
-- service heartbeats and the audit trail. Times are UTC timestamptz.

CREATE TABLE app_user (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username              varchar(128) NOT NULL UNIQUE,
    password_hash         varchar(128) NOT NULL,
    enabled               boolean      NOT NULL DEFAULT true,
    must_change_password  boolean      NOT NULL DEFAULT false,
    created_ts            timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT app_user_username_chars CHECK (username ~ '^[A-Za-z0-9._@-]{1,128}$'),
    CONSTRAINT app_user_password_is_bcrypt CHECK (password_hash LIKE '$2_$%')
);
COMMENT ON TABLE app_user IS 'Local (break-glass) users of the console; LDAP users are not stored here.';
COMMENT ON COLUMN app_user.id IS 'Surrogate key.';
COMMENT ON COLUMN app_user.username IS 'Login name, unique; restricted character set.';
COMMENT ON COLUMN app_user.password_hash IS 'bcrypt hash in modular crypt format ($2a$/$2b$/$2y$), never a clear password.';
COMMENT ON COLUMN app_user.enabled IS 'False locks the account out of every login.';
COMMENT ON COLUMN app_user.must_change_password IS 'True for generated passwords: the user must choose a new one at first login.';
COMMENT ON COLUMN app_user.created_ts IS 'When the account was created (UTC).';

CREATE TABLE app_user_role (
    user_id  bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role     varchar(64) NOT NULL,
    PRIMARY KEY (user_id, role),
    CONSTRAINT app_user_role_known CHECK (role IN ('admin', 'operator'))
);
COMMENT ON TABLE app_user_role IS 'Coarse application roles of local users; per-camera rights come later in their own tables.';
COMMENT ON COLUMN app_user_role.user_id IS 'The user holding the role.';
COMMENT ON COLUMN app_user_role.role IS 'Application role name as seen by Elytron (attribute Roles).';

CREATE TABLE service_key (
    producer      varchar(128) PRIMARY KEY,
    algorithm     varchar(32)  NOT NULL,
    public_key    bytea        NOT NULL,
    registered_ts timestamptz  NOT NULL DEFAULT now(),
    revoked_ts    timestamptz,
    CONSTRAINT service_key_algorithm CHECK (algorithm = 'Ed25519'),
    CONSTRAINT service_key_revoked_after_registered CHECK (revoked_ts IS NULL OR revoked_ts >= registered_ts)
);
COMMENT ON TABLE service_key IS 'Registry of message producers and the public keys their JMS envelopes must verify with.';
COMMENT ON COLUMN service_key.producer IS 'Producer name carried in every envelope (e.g. svc-recorder).';
COMMENT ON COLUMN service_key.algorithm IS 'Signature algorithm of public_key.';
COMMENT ON COLUMN service_key.public_key IS 'X.509 SubjectPublicKeyInfo encoding of the public key.';
COMMENT ON COLUMN service_key.registered_ts IS 'When the key was registered (UTC).';
COMMENT ON COLUMN service_key.revoked_ts IS 'When the key was revoked (UTC); messages signed with a revoked key are rejected.';

CREATE TABLE jms_delivery (
    producer     varchar(128) NOT NULL,
    epoch        varchar(64)  NOT NULL,
    sequence_no  bigint       NOT NULL,
    sent_ts      timestamptz  NOT NULL,
    received_ts  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (producer, epoch, sequence_no),
    CONSTRAINT jms_delivery_sequence_positive CHECK (sequence_no > 0)
);
CREATE INDEX jms_delivery_sent_ts ON jms_delivery (sent_ts);
COMMENT ON TABLE jms_delivery IS 'Replay guard: envelopes accepted within the freshness window; older rows are purged.';
COMMENT ON COLUMN jms_delivery.producer IS 'Producer named in the envelope.';
COMMENT ON COLUMN jms_delivery.epoch IS 'Random id the producer drew when it started.';
COMMENT ON COLUMN jms_delivery.sequence_no IS 'Position of the message in the producer''s epoch, from 1.';
COMMENT ON COLUMN jms_delivery.sent_ts IS 'Send time stamped (and signed) by the producer (UTC).';
COMMENT ON COLUMN jms_delivery.received_ts IS 'When the consumer accepted it (UTC).';

CREATE TABLE service_heartbeat (
    producer          varchar(128) PRIMARY KEY,
    node              varchar(255) NOT NULL,
    version           varchar(64)  NOT NULL,
    started_ts        timestamptz  NOT NULL,
    last_sent_ts      timestamptz  NOT NULL,
    last_received_ts  timestamptz  NOT NULL,
    received_count    bigint       NOT NULL DEFAULT 1 CHECK (received_count > 0)
);
COMMENT ON TABLE service_heartbeat IS 'Last heartbeat received from each producer; feeds health and the services view.';
COMMENT ON COLUMN service_heartbeat.producer IS 'Producer named in the heartbeat envelope.';
COMMENT ON COLUMN service_heartbeat.node IS 'Host or instance name the producer runs on.';
COMMENT ON COLUMN service_heartbeat.version IS 'Software version the producer reported.';
COMMENT ON COLUMN service_heartbeat.started_ts IS 'When the producer started (UTC).';
COMMENT ON COLUMN service_heartbeat.last_sent_ts IS 'Send time of the latest heartbeat (UTC).';
COMMENT ON COLUMN service_heartbeat.last_received_ts IS 'When the latest heartbeat was processed (UTC).';
COMMENT ON COLUMN service_heartbeat.received_count IS 'Heartbeats accepted from this producer since it was first seen.';

CREATE TABLE audit_event (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_ts     timestamptz  NOT NULL DEFAULT now(),
    actor        varchar(255) NOT NULL,
    action       varchar(64)  NOT NULL,
    target       varchar(255),
    outcome      varchar(16)  NOT NULL,
    detail       text,
    CONSTRAINT audit_event_outcome CHECK (outcome IN ('SUCCESS', 'FAILURE', 'REJECTED'))
);
CREATE INDEX audit_event_ts ON audit_event (event_ts);
CREATE INDEX audit_event_action_ts ON audit_event (action, event_ts);
COMMENT ON TABLE audit_event IS 'Security-relevant actions, append-only.';
COMMENT ON COLUMN audit_event.id IS 'Order of recording.';
COMMENT ON COLUMN audit_event.event_ts IS 'When it happened (UTC).';
COMMENT ON COLUMN audit_event.actor IS 'User or service principal that acted, or the producer a rejected message claimed.';
COMMENT ON COLUMN audit_event.action IS 'What was done, dotted name (e.g. jms.rejected, user.bootstrap).';
COMMENT ON COLUMN audit_event.target IS 'What it was done to (destination, camera, user), if any.';
COMMENT ON COLUMN audit_event.outcome IS 'SUCCESS, FAILURE or REJECTED.';
COMMENT ON COLUMN audit_event.detail IS 'Free text for people reading the trail; never secrets.';
