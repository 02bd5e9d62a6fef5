package org.vigilvms.testkit.camera;

/**
 * Faults a test switches on and off at run time, per camera, to see how the VMS copes. Fields
 * are read by the streaming and RTSP threads on every frame or request.
 */
public final class Faults {

    /** Close every streaming connection this many ms after PLAY (0: never). */
    public volatile long dropAfterMs;
    /** Stop sending frames (connections stay open). */
    public volatile boolean stall;
    /** Flip bytes inside slice NAL units before sending. */
    public volatile boolean corruptNalUnits;
    /** Answer every request with 401, whatever the credentials. */
    public volatile boolean refuseCredentials;
    /** Present the alternative certificate on RTSPS (an impostor or a replaced camera). */
    public volatile boolean presentOtherCertificate;
    /** Present an expired (self-signed) certificate on RTSPS and HTTPS. */
    public volatile boolean presentExpiredCertificate;
    /** Offset of the camera's clock from real time, ms (burned-in capture time, ONVIF time). */
    public volatile long clockSkewMs;
    /**
     * How fast the camera's media clock runs against real time, parts per million (10 000: 1 %
     * fast): the video's RTP timestamps drift from the burned-in capture time, which stays true.
     */
    public volatile long clockDriftPpm;
    /** Send frames this many times faster than real time (1: normal). */
    public volatile int floodFactor = 1;
    /** Show a covered lens (uniform dark picture) instead of the scene. */
    public volatile boolean covered;
    /** Send no sound while the stream still announces its sound track (a microphone that fails mid-way). */
    public volatile boolean soundLost;
    /** Send each piece of sound this long after the picture of its instant (many cameras' sound lags their video). */
    public volatile long soundLagMs;
    /** The sub-stream's path answers 404 and its sessions are cut, while the main stream goes on. */
    public volatile boolean subStreamGone;
    /** The SDP carries no parameter sets: a decoder finds them only in the stream, before each key picture. */
    public volatile boolean parameterSetsOnlyInBand;

    /** After a change of picture size (either stream), the SDP still describes the size configured (as some cameras do until restarted). */
    public volatile boolean staleDescription;

    /** The main stream's picture size while changed mid-stream (width << 32 | height); 0: as configured. */
    volatile long pictureSize;

    /** The main stream changes to this picture size at its next picture, without ending any session. */
    public void changePictureSize(int width, int height) {
        pictureSize = (long) width << 32 | height;
    }

    /** The sub-stream's picture size while changed mid-stream, as {@link #pictureSize}. */
    volatile long subPictureSize;

    /** The sub-stream changes to this picture size at its next picture (at least 320 wide: the frame stamp's). */
    public void changeSubPictureSize(int width, int height) {
        subPictureSize = (long) width << 32 | height;
    }

    public void clear() {
        pictureSize = 0;
        subPictureSize = 0;
        dropAfterMs = 0;
        stall = false;
        corruptNalUnits = false;
        refuseCredentials = false;
        presentOtherCertificate = false;
        presentExpiredCertificate = false;
        clockSkewMs = 0;
        soundLost = false;
        soundLagMs = 0;
        subStreamGone = false;
        parameterSetsOnlyInBand = false;
        staleDescription = false;
        clockDriftPpm = 0;
        floodFactor = 1;
        covered = false;
    }
}
