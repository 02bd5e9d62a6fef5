-- Issue #20: the signing keys of services on other nodes are enrolled by an administrator through
-- the API or the console (proof of possession, audited) and revoked the same way, never by SQL.
-- Who did it and why is kept with the key.

ALTER TABLE service_key ADD COLUMN enrolled_by varchar(255);
ALTER TABLE service_key ADD COLUMN revoked_by varchar(255);
ALTER TABLE service_key ADD COLUMN revocation_reason varchar(512);
ALTER TABLE service_key ADD CONSTRAINT service_key_revocation_named CHECK (revoked_by IS NULL OR revoked_ts IS NOT NULL);
COMMENT ON COLUMN service_key.enrolled_by IS 'The administrator who enrolled a remote producer''s key; NULL for the services of this server, which register their own at start.';
COMMENT ON COLUMN service_key.revoked_by IS 'The administrator who revoked the key.';
COMMENT ON COLUMN service_key.revocation_reason IS 'Why the key was revoked, as the administrator gave it.';
