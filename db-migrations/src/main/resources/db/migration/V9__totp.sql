-- Second factor (issue #5): time-based one-time passwords (RFC 6238) per account, local or LDAP.

CREATE TABLE user_totp (
    username        varchar(255) PRIMARY KEY,
    secret_sealed   bytea        NOT NULL,
    enabled         boolean      NOT NULL DEFAULT false,
    last_step       bigint       NOT NULL DEFAULT 0,
    created_ts      timestamptz  NOT NULL DEFAULT now()
);
COMMENT ON TABLE user_totp IS 'TOTP second factor per account; the secret sealed under the master key (outside the database).';
COMMENT ON COLUMN user_totp.username IS 'Account name as signed in, lower case.';
COMMENT ON COLUMN user_totp.secret_sealed IS '20-byte HMAC-SHA1 secret, AES-256-GCM under the master key, bound to the account name.';
COMMENT ON COLUMN user_totp.enabled IS 'False until the user proved the authenticator works (a first code).';
COMMENT ON COLUMN user_totp.last_step IS 'Last 30 s step whose code was used: a code is accepted once.';
COMMENT ON COLUMN user_totp.created_ts IS 'When enrolled (UTC).';
