-- Each person's language and time zone for the console (issue #19): none means the browser's
-- language and UTC, as before. A person's row is created by whichever choice they make first.

ALTER TABLE user_preference
    ADD COLUMN language  varchar(8),
    ADD COLUMN time_zone varchar(64),
    ADD CONSTRAINT user_preference_language CHECK (language IN ('en', 'de'));
COMMENT ON COLUMN user_preference.language IS 'en or de; NULL: the language the browser asks for first.';
COMMENT ON COLUMN user_preference.time_zone IS 'A region id of the tz database (Europe/Berlin); NULL: UTC.';
