/**
 * Access to the video libraries (JavaCV/FFmpeg/OpenCV from the server module
 * {@code org.bytedeco.javacv}). Ingest, recording and analytics build on it.
 */
package org.vigilvms.video;
