package org.vigilvms.testkit.camera;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One stream a virtual camera serves at an RTSP path of its own, as a real camera serves its
 * media profiles: the main stream ({@code stream1}, the configured size) or the sub-stream
 * ({@code stream2}, half the width and height, at least 320 wide, at a quarter of the bit rate). Each has its own
 * encoder (or replayed loop, whose codec it sends) and its own viewers. The main stream is encoded at every tick; the
 * sub-stream only while someone watches it, starting with a key picture.
 */
final class CameraProfile implements AutoCloseable {

    static final String MAIN = "stream1";
    static final String SUB = "stream2";

    private final String path;
    private int width;
    private int height;
    private final int fps;
    private final int bitrate;
    private final int gop;
    private SyntheticScene scene;
    private H264Encoder encoder;
    private final EncodedLoop loop;
    private final boolean always;
    /** The parameter sets of the size the stream was first encoded at, once it was resized; else null. */
    private List<byte[]> firstParameterSets;
    private final List<VirtualCamera.Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean keyframeRequested = true;

    private CameraProfile(String path, int width, int height, int fps, int bitrate, int gop, EncodedLoop loop, boolean always) {
        this.path = path;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.bitrate = bitrate;
        this.gop = gop;
        this.loop = loop;
        this.always = always;
        this.scene = loop == null ? new SyntheticScene(width, height) : null;
        this.encoder = loop == null ? new H264Encoder(width, height, fps, bitrate, gop) : null;
    }

    static CameraProfile main(CameraConfig c, EncodedLoop loop) {
        return new CameraProfile(MAIN, c.width(), c.height(), c.fps(), c.bitrate(), c.gop(), loop, true);
    }

    static CameraProfile sub(CameraConfig c, EncodedLoop loop) {
        return new CameraProfile(SUB, subWidth(c), subHeight(c), c.fps(), subBitrate(c), c.gop(), loop, false);
    }

    /** The sub-stream's size and rate for a camera of this configuration. */
    static int subWidth(CameraConfig c) {
        return Math.max(320, c.width() / 4 * 2); // the frame stamp needs 320 pixels
    }

    static int subHeight(CameraConfig c) {
        return c.height() * subWidth(c) / c.width() / 2 * 2;
    }

    static int subBitrate(CameraConfig c) {
        return Math.max(100_000, c.bitrate() / 4);
    }

    String path() {
        return path;
    }

    synchronized int width() {
        return width;
    }

    synchronized int height() {
        return height;
    }

    /**
     * Encodes at another picture size from the next picture on, as a camera reconfigured while it
     * streams: a key picture with the new SPS and PPS in the stream, and those in the SDP of any
     * later DESCRIBE. A replayed loop keeps its size.
     */
    synchronized void resize(int newWidth, int newHeight) {
        if (loop != null || newWidth == width && newHeight == height) {
            return;
        }
        if (firstParameterSets == null) {
            firstParameterSets = List.of(encoder.sps(), encoder.pps());
        }
        encoder.close();
        width = newWidth;
        height = newHeight;
        scene = new SyntheticScene(width, height);
        encoder = new H264Encoder(width, height, fps, bitrate, gop);
        keyframeRequested = true;
    }

    int bitrate() {
        return bitrate;
    }

    /** Whether an RTSP request address names this stream (with or without a trailing slash or track). */
    boolean serves(String uri) {
        String u = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return u.endsWith("/" + path);
    }

    VideoCodec codec() {
        return loop != null ? loop.codec() : VideoCodec.H264;
    }

    /** What the SDP announces: H.264's SPS and PPS, H.265's VPS, SPS and PPS. */
    synchronized List<byte[]> parameterSets() {
        return loop != null ? loop.parameterSets() : List.of(encoder.sps(), encoder.pps());
    }

    /** What a camera whose SDP lags its configuration announces: the sets of the size it was first encoded at. */
    synchronized List<byte[]> firstParameterSets() {
        return firstParameterSets != null ? firstParameterSets : parameterSets();
    }

    VirtualCamera.Subscriber subscribe() {
        VirtualCamera.Subscriber subscriber = new VirtualCamera.Subscriber();
        subscribers.add(subscriber);
        keyframeRequested = true; // a joining viewer starts at an IDR, at once
        return subscriber;
    }

    void unsubscribe(VirtualCamera.Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /**
     * Encodes (or replays) the picture of {@code stamp} and hands it to the viewers; the
     * sub-stream skips this while nobody watches it. {@code first}: the camera's first tick, which
     * gives every stream its parameter sets for DESCRIBE. Returns false when nothing was sent
     * (stalled, or the encoder skipped the picture).
     */
    synchronized void tick(FrameStamp stamp, boolean covered, SceneControl control, boolean stalled, boolean first) {
        if (!always && !first && subscribers.isEmpty()) {
            keyframeRequested = true;
            return;
        }
        boolean key = keyframeRequested;
        keyframeRequested = false;
        List<byte[]> nals;
        boolean idr;
        if (loop != null) {
            EncodedLoop.Entry entry = loop.frame(stamp.frameCounter());
            nals = entry.nalUnits();
            idr = entry.keyframe();
        } else {
            nals = encoder.encode(scene.render(stamp, covered, control), key);
            idr = nals.stream().anyMatch(VideoCodec.H264::startsGop);
        }
        if (stalled || nals.isEmpty()) {
            return;
        }
        EncodedFrame frame = new EncodedFrame(stamp.frameCounter(), stamp.captureTimeMs(), nals, idr);
        for (VirtualCamera.Subscriber subscriber : subscribers) {
            subscriber.offer(frame);
        }
    }

    @Override
    public synchronized void close() {
        if (encoder != null) {
            encoder.close();
        }
    }
}
