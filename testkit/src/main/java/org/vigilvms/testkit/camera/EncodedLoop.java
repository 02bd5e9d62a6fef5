package org.vigilvms.testkit.camera;

import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark mode: a few seconds of video encoded once and replayed by any number of cameras, so
 * serving dozens of 1080p streams costs packetization and sockets, not encoding. The replayed
 * pictures carry the stamps of the loop (camera 0, counters 0..n-1), so tests that read stamps
 * use live cameras; frame counters and capture times of the RTP stream stay right.
 */
public final class EncodedLoop {

    record Entry(List<byte[]> nalUnits, boolean keyframe) {
    }

    private final List<Entry> entries;
    private final byte[] sps;
    private final byte[] pps;

    private EncodedLoop(List<Entry> entries, byte[] sps, byte[] pps) {
        this.entries = entries;
        this.sps = sps;
        this.pps = pps;
    }

    public static EncodedLoop encode(CameraConfig config, int seconds) {
        return encode(config.width(), config.height(), config.fps(), config.bitrate(), config.gop(), seconds);
    }

    /** The loop of the sub-stream of cameras of this configuration ({@link CameraProfile#sub}). */
    public static EncodedLoop encodeSub(CameraConfig config, int seconds) {
        return encode(CameraProfile.subWidth(config), CameraProfile.subHeight(config), config.fps(), CameraProfile.subBitrate(config),
                config.gop(), seconds);
    }

    private static EncodedLoop encode(int width, int height, int fps, int bitrate, int gop, int seconds) {
        int frames = Math.max(1, seconds) * fps;
        SyntheticScene scene = new SyntheticScene(width, height);
        List<Entry> entries = new ArrayList<>(frames);
        try (H264Encoder encoder = new H264Encoder(width, height, fps, bitrate, gop)) {
            for (int i = 0; i < frames; i++) {
                FrameStamp stamp = new FrameStamp(0, i, 0, 0, 0, 0);
                List<byte[]> nals = encoder.encode(scene.render(stamp, false), i == 0);
                entries.add(new Entry(nals, nals.stream().anyMatch(n -> NalUnits.type(n) == NalUnits.TYPE_IDR)));
            }
            return new EncodedLoop(List.copyOf(entries), encoder.sps(), encoder.pps());
        }
    }

    Entry frame(long counter) {
        return entries.get((int) (counter % entries.size()));
    }

    byte[] sps() {
        return sps;
    }

    byte[] pps() {
        return pps;
    }
}
