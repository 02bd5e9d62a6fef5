package org.vigilvms.live;

import java.util.ArrayList;
import java.util.List;

/**
 * One live stream of a camera: its pictures only (the live grid, snapshots), or its pictures with
 * its sound when it sends any (a page that can play it). Pictures alone start sooner, since a
 * browser plays a stream only as far as all of its tracks reach and the sound comes later. The
 * masked stream is the pictures with the camera's privacy masks burned in, for viewers who may
 * not see through them ({@link MaskedLive}). {@code sub}: made from the camera's sub-stream, its
 * second, smaller stream, for tiles too small for the main one ({@link StreamChoice}); pictures
 * only, plain or masked. {@code h264}: a camera's H.265 pictures encoded again as H.264 for
 * browsers that cannot play H.265 (the masked stream is H.264 already). The sound goes along as
 * the camera sends it whichever form the pictures of the main stream take.
 */
public record LiveStream(long cameraId, boolean sound, boolean masked, boolean sub, boolean h264) {

    public LiveStream {
        if (sound && sub) {
            throw new IllegalArgumentException("only the main stream carries sound");
        }
        if (masked && h264) {
            throw new IllegalArgumentException("the masked stream is H.264 already");
        }
    }

    public LiveStream(long cameraId, boolean sound, boolean masked, boolean sub) {
        this(cameraId, sound, masked, sub, false);
    }

    public static LiveStream pictures(long cameraId) {
        return new LiveStream(cameraId, false, false, false);
    }

    public static LiveStream withSound(long cameraId) {
        return new LiveStream(cameraId, true, false, false);
    }

    public static LiveStream masked(long cameraId) {
        return new LiveStream(cameraId, false, true, false);
    }

    /** The sub-stream's pictures. */
    public static LiveStream sub(long cameraId) {
        return new LiveStream(cameraId, false, false, true);
    }

    /** The masked stream made from the same camera stream (main or sub) as this one, with its sound if it has any. */
    public LiveStream maskedForm() {
        return new LiveStream(cameraId, sound, true, sub);
    }

    /** The same camera stream's pictures encoded again as H.264, with its sound if it has any. */
    public LiveStream h264Form() {
        return new LiveStream(cameraId, sound, false, sub, true);
    }

    /** Every stream a camera can have: from its main stream with sound or without, from its sub-stream, each as sent, masked or as H.264. */
    public static List<LiveStream> allOf(long cameraId) {
        List<LiveStream> all = new ArrayList<>();
        for (LiveStream plain : List.of(pictures(cameraId), withSound(cameraId), sub(cameraId))) {
            all.addAll(List.of(plain, plain.maskedForm(), plain.h264Form()));
        }
        return all;
    }
}
