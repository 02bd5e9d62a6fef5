-- Alarm rules may turn a PTZ camera to a preset when they raise an alarm (action PTZ_PRESET).
ALTER TABLE alarm_rule ADD COLUMN ptz_preset varchar(64);
COMMENT ON COLUMN alarm_rule.ptz_preset IS 'ONVIF preset token the alarm''s camera goes to (action PTZ_PRESET); null otherwise.';
