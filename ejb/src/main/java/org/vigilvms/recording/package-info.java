/**
 * The recorder (X.1453 F2): one ingest per enabled camera pulls its RTSP(S) stream and remuxes
 * the packets, without decoding, into fragmented-MP4 segments cut at keyframes; each finished
 * segment is announced to the storage service over JMS. A camera's sub-stream, where it has one,
 * is pulled beside it for live tiles and analytics and not recorded
 * ({@link org.vigilvms.recording.SubStreamIngest}); both are reached the same way
 * ({@link org.vigilvms.recording.CameraDial}) and both describe a session's pictures as the
 * camera sends them, ending it when their size changes ({@link org.vigilvms.recording.SentPictures}).
 * What each camera sent is counted for the metrics
 * endpoint ({@link org.vigilvms.recording.CameraMeters}).
 */
package org.vigilvms.recording;
