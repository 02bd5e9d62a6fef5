/**
 * Live video without transcoding (except the masked stream, which burns privacy masks in for
 * viewers who may not see through them, and the H.264 stream of an H.265 camera for browsers
 * that cannot play H.265, a bounded number per node; both {@code MaskedLive}): the recorder's own packets, remuxed a second time into
 * fragmented MP4 (one fragment per frame, out as soon as the frame is in: {@code PictureSteps}
 * and {@code FragmentDuration} give it its duration beforehand) in memory and fanned out to
 * viewers, who start at the latest keyframe; access by short-lived tokens bound to the viewer's session, whose holder's
 * right is asked again while the stream runs; the stream with sound only for holders of LISTEN,
 * in whichever form the pictures take (the sound itself is never encoded again here).
 * A grid tile gets the camera's sub-stream when that fits it ({@code StreamChoice}), the main
 * stream otherwise or when the sub-stream stops. The packets are only on the recorder node that
 * owns the camera: another node refuses its live picture, saying which node records it and
 * whether that node is down ({@code RecordedHere}).
 */
package org.vigilvms.live;
