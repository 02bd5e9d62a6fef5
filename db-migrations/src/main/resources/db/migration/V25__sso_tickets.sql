-- Issue #21: single sign-on through an OpenID provider. The provider's sign-in ends in the SSO
-- web module, which hands the console a one-time ticket: the console signs the user in with it
-- through Elytron (the realm vigil-sso-realm reads this table, 46-sso.cli), so a single sign-on
-- user is an identity of the same security domain as local and directory users.
CREATE TABLE sso_ticket (
    username      varchar(128) PRIMARY KEY,
    ticket_sha256 varchar(64)  NOT NULL UNIQUE,
    groups        text         NOT NULL,
    expires_at    timestamptz  NOT NULL
);
COMMENT ON TABLE sso_ticket IS 'A pending single sign-on: the SHA-256 (hex) of the one-time ticket the browser holds, the groups the provider''s ID token named (one per line), and when the ticket stops working. Deleted when used.';
