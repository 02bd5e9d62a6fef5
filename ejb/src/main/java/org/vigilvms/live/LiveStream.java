package org.vigilvms.live;

/**
 * One live stream of a camera: its pictures only (the live grid, snapshots), or its pictures with
 * its sound when it sends any (a page that can play it). Pictures alone start sooner, since a
 * browser plays a stream only as far as all of its tracks reach and the sound comes later. The
 * masked stream is the pictures with the camera's privacy masks burned in, for viewers who may
 * not see through them ({@link MaskedLive}); it carries no sound.
 */
public record LiveStream(long cameraId, boolean sound, boolean masked) {

    public LiveStream {
        if (sound && masked) {
            throw new IllegalArgumentException("a masked live stream carries no sound");
        }
    }

    public static LiveStream pictures(long cameraId) {
        return new LiveStream(cameraId, false, false);
    }

    public static LiveStream withSound(long cameraId) {
        return new LiveStream(cameraId, true, false);
    }

    public static LiveStream masked(long cameraId) {
        return new LiveStream(cameraId, false, true);
    }
}
