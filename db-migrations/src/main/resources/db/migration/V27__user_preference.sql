-- The console's look per person (issue #19): the dark control-room theme unless they chose the
-- light one. Keyed by the canonical account name, so local and directory users alike.

CREATE TABLE user_preference (
    username   varchar(255) PRIMARY KEY,
    theme      varchar(8)   NOT NULL,
    changed_ts timestamptz  NOT NULL,
    CONSTRAINT user_preference_theme CHECK (theme IN ('DARK', 'LIGHT'))
);
COMMENT ON TABLE user_preference IS 'What each person chose for their console.';
COMMENT ON COLUMN user_preference.username IS 'Canonical account name (PrincipalName), local or directory.';
COMMENT ON COLUMN user_preference.theme IS 'DARK (the default, for control rooms) or LIGHT.';
COMMENT ON COLUMN user_preference.changed_ts IS 'When they last changed it (UTC).';
