-- Issue #20: one identity per person, and sign-in limits per client address.
-- Account names are stored in their one canonical spelling (lower case; see PrincipalName),
-- so the lockout, disabling, grants, four eyes and the audit see one person under one name.

UPDATE app_user SET username = lower(btrim(username));
ALTER TABLE app_user ADD CONSTRAINT app_user_username_canonical CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{0,127}$');

-- Guards kept under a spelling of their own are folded into the canonical one: the strictest
-- state wins (disabled, the latest lockout, the most failures).
CREATE TEMPORARY TABLE account_guard_folded AS
    SELECT lower(btrim(username)) AS username, max(failures) AS failures, max(lockouts) AS lockouts,
           max(locked_until) AS locked_until, bool_or(disabled) AS disabled,
           max(last_failure_ts) AS last_failure_ts, max(last_login_ts) AS last_login_ts
    FROM account_guard GROUP BY lower(btrim(username));
DELETE FROM account_guard;
INSERT INTO account_guard SELECT * FROM account_guard_folded;
DROP TABLE account_guard_folded;

UPDATE access_grant SET subject = lower(btrim(subject)) WHERE subject_kind = 'USER';

CREATE TABLE address_guard (
    address          varchar(64) PRIMARY KEY,
    failures         integer     NOT NULL DEFAULT 0,
    last_failure_ts  timestamptz,
    CONSTRAINT address_guard_failures CHECK (failures >= 0)
);
COMMENT ON TABLE address_guard IS 'Failed sign-ins per client address across user names (password spraying); see AddressGuard.';
COMMENT ON COLUMN address_guard.address IS 'The client address as the server saw it (IPv4 or IPv6 text).';
COMMENT ON COLUMN address_guard.failures IS 'Failed sign-ins since the address was last forgiven (15 quiet minutes).';
COMMENT ON COLUMN address_guard.last_failure_ts IS 'When the newest failure happened (UTC); delays count from it.';
