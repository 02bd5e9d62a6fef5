package org.vigilvms.live;

/**
 * One live stream of a camera: its pictures only (the live grid, snapshots), or its pictures with
 * its sound when it sends any (a page that can play it). Pictures alone start sooner, since a
 * browser plays a stream only as far as all of its tracks reach and the sound comes later.
 */
public record LiveStream(long cameraId, boolean sound) {

    public static LiveStream pictures(long cameraId) {
        return new LiveStream(cameraId, false);
    }

    public static LiveStream withSound(long cameraId) {
        return new LiveStream(cameraId, true);
    }
}
