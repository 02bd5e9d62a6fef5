/**
 * Access to the video libraries (JavaCV/FFmpeg/OpenCV from the server module
 * {@code org.bytedeco.javacv}): how camera streams are opened ({@code CameraInput}: the protocol
 * whitelist), the stream probe, stored and live MP4 decoding, stills, and stored segments served
 * without their sound ({@code SoundlessSegment}: pure Java, nothing decoded), and privacy masks
 * burned into decoded pictures and encoded again as H.264 ({@code MaskArea}, {@code MaskPainter},
 * {@code MaskingTranscoder}; {@code MaskedVideo} for a stored segment; with no mask, the same
 * path transcodes H.265 to H.264 for a browser that cannot play H.265). The codec string a browser
 * needs ({@code CodecString}, H.264 and H.265), a stored segment's codec ({@code SegmentCodec}) and
 * the picture size a stream's parameter sets give ({@code PictureSize}) and the parameter sets a key
 * picture carries ({@code ParameterSets}) are read without decoding, both over the NAL units that
 * {@code NalUnits} finds behind the start codes.
 * Ingest, recording, playback, export, live view and analytics build on it.
 */
package org.vigilvms.video;
