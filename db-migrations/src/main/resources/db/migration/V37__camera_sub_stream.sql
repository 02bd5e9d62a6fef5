-- Camera sub-streams (issue #22): a camera's second, smaller stream on the same endpoint as its
-- main stream (same scheme, host and port, so its password and approved certificate are the
-- main stream's). The main stream is recorded; live tiles too small for it and analytics take
-- the sub-stream. Its state is its own: a sub-stream that is down leaves the camera ONLINE.

ALTER TABLE camera ADD COLUMN sub_stream_url varchar(1024);
ALTER TABLE camera ADD COLUMN sub_stream_status varchar(32);
ALTER TABLE camera ADD COLUMN sub_stream_reason varchar(1024);
COMMENT ON COLUMN camera.sub_stream_url IS 'The camera''s sub-stream (rtsp(s)://, same endpoint as stream_url, no credentials), or null.';
COMMENT ON COLUMN camera.sub_stream_status IS 'ONLINE, OFFLINE or UNAUTHORIZED as the recorder last saw the sub-stream; null: not yet tried.';
