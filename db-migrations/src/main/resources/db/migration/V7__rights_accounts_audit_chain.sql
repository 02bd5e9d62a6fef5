-- Identity and access (issue #5): per-camera rights granted to users, LDAP groups or local
-- roles; persistent brute-force state per account; the audit trail as a hash chain.

CREATE TABLE access_grant (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject_kind   varchar(8)   NOT NULL,
    subject        varchar(255) NOT NULL,
    access_right   varchar(32)  NOT NULL,
    camera_id      bigint       REFERENCES camera (id),
    site           varchar(128),
    ptz_priority   integer      NOT NULL DEFAULT 0,
    granted_by     varchar(255) NOT NULL,
    granted_ts     timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT access_grant_subject_kind CHECK (subject_kind IN ('USER', 'GROUP', 'ROLE')),
    CONSTRAINT access_grant_right CHECK (access_right IN ('VIEW_LIVE', 'PLAYBACK', 'PTZ', 'EXPORT', 'EVIDENCE_LOCK',
                                                           'MANAGE_CAMERAS', 'MANAGE_USERS', 'READ_AUDIT')),
    CONSTRAINT access_grant_scope CHECK (camera_id IS NULL OR site IS NULL),
    CONSTRAINT access_grant_priority CHECK (ptz_priority BETWEEN 0 AND 100)
);
CREATE INDEX access_grant_by_subject ON access_grant (subject_kind, subject);
COMMENT ON TABLE access_grant IS 'Rights (X.1453 AC-1..AC-3): who may do what on which cameras.';
COMMENT ON COLUMN access_grant.id IS 'Surrogate key.';
COMMENT ON COLUMN access_grant.subject_kind IS 'USER (a user name), GROUP (an LDAP group cn) or ROLE (a local role).';
COMMENT ON COLUMN access_grant.subject IS 'The user, group or role name.';
COMMENT ON COLUMN access_grant.access_right IS 'The right granted.';
COMMENT ON COLUMN access_grant.camera_id IS 'One camera; with site NULL too: every camera.';
COMMENT ON COLUMN access_grant.site IS 'Every camera of this site (camera group).';
COMMENT ON COLUMN access_grant.ptz_priority IS 'For PTZ: higher takes control from lower.';
COMMENT ON COLUMN access_grant.granted_by IS 'Who granted it.';
COMMENT ON COLUMN access_grant.granted_ts IS 'When (UTC).';

CREATE TABLE account_guard (
    username         varchar(255) PRIMARY KEY,
    failures         integer      NOT NULL DEFAULT 0,
    lockouts         integer      NOT NULL DEFAULT 0,
    locked_until     timestamptz,
    disabled         boolean      NOT NULL DEFAULT false,
    last_failure_ts  timestamptz,
    last_login_ts    timestamptz
);
COMMENT ON TABLE account_guard IS 'Brute-force defence and local disabling per account name (local or LDAP).';
COMMENT ON COLUMN account_guard.username IS 'Account name as typed at login, lower case.';
COMMENT ON COLUMN account_guard.failures IS 'Wrong passwords since the last success or lockout.';
COMMENT ON COLUMN account_guard.lockouts IS 'Lockouts so far; each lasts twice as long as the one before.';
COMMENT ON COLUMN account_guard.locked_until IS 'Logins refused until then (UTC).';
COMMENT ON COLUMN account_guard.disabled IS 'Disabled in Vigil by an administrator (also for LDAP users).';
COMMENT ON COLUMN account_guard.last_failure_ts IS 'Last wrong password (UTC).';
COMMENT ON COLUMN account_guard.last_login_ts IS 'Last successful login (UTC).';

ALTER TABLE audit_event ADD COLUMN chain_seq bigint;
ALTER TABLE audit_event ADD COLUMN chain_hash bytea;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_chain_unique UNIQUE (chain_seq);
CREATE INDEX audit_event_unchained ON audit_event (id) WHERE chain_seq IS NULL;
COMMENT ON COLUMN audit_event.chain_seq IS 'Position in the audit hash chain (from 1, no holes); NULL until sealed (within a second).';
COMMENT ON COLUMN audit_event.chain_hash IS 'SHA-256 over the previous chain_hash and this row''s content.';

CREATE TABLE audit_chain_head (
    id             smallint     PRIMARY KEY DEFAULT 1,
    chain_seq      bigint       NOT NULL,
    chain_hash     bytea        NOT NULL,
    signed_ts      timestamptz  NOT NULL,
    signature      bytea        NOT NULL,
    CONSTRAINT audit_chain_head_single CHECK (id = 1)
);
COMMENT ON TABLE audit_chain_head IS 'Newest link of the audit chain, signed by the server signing key (shows a cut-off tail).';
COMMENT ON COLUMN audit_chain_head.id IS 'Always 1: one chain.';
COMMENT ON COLUMN audit_chain_head.chain_seq IS 'Position of the newest sealed row.';
COMMENT ON COLUMN audit_chain_head.chain_hash IS 'Its chain hash.';
COMMENT ON COLUMN audit_chain_head.signed_ts IS 'When signed (UTC).';
COMMENT ON COLUMN audit_chain_head.signature IS 'SHA256withECDSA over AuditChain.headStatement.';
