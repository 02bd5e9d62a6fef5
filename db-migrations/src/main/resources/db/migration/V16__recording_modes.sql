-- Recording modes per camera: continuous (default), scheduled (weekly timetable) or on event
-- (with pre- and post-buffer). The recorder always keeps a rolling, encrypted buffer; what the
-- mode does not want is deleted as soon as no event can claim it any more.
ALTER TABLE camera ADD COLUMN recording_mode varchar(16) NOT NULL DEFAULT 'CONTINUOUS'
    CHECK (recording_mode IN ('CONTINUOUS', 'SCHEDULED', 'EVENT'));
ALTER TABLE camera ADD COLUMN recording_schedule varchar(512);
ALTER TABLE camera ADD COLUMN schedule_time_zone varchar(64);
ALTER TABLE camera ADD COLUMN pre_buffer_s integer NOT NULL DEFAULT 5 CHECK (pre_buffer_s BETWEEN 0 AND 300);
ALTER TABLE camera ADD COLUMN post_buffer_s integer NOT NULL DEFAULT 10 CHECK (post_buffer_s BETWEEN 0 AND 3600);
COMMENT ON COLUMN camera.recording_schedule IS 'SCHEDULED: weekly timetable, e.g. "MON-FRI 07:00-19:00, SAT 09:00-13:00" in schedule_time_zone.';
