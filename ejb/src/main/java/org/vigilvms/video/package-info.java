/**
 * Access to the video libraries (JavaCV/FFmpeg/OpenCV from the server module
 * {@code org.bytedeco.javacv}): how camera streams are opened ({@code CameraInput}: the protocol
 * whitelist), the stream probe, stored and live MP4 decoding, stills. Ingest, recording and
 * analytics build on it.
 */
package org.vigilvms.video;
